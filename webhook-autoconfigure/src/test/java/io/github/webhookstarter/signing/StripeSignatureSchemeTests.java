package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StripeSignatureScheme}.
 *
 * @author Webhook Starter team
 */
class StripeSignatureSchemeTests {

	private static final Secret SECRET = Secret.of("whsec_test_secret");

	private static final String TIMESTAMP = "1533204620";

	private static final String BODY = "{\"id\":\"evt_test_webhook\",\"object\":\"event\",\"type\":\"invoice.paid\"}";

	// Stripe's docs show a header but not the secret and payload behind it, so this was computed
	// independently, as stripe-dotnet computes its fixtures, with
	// printf '%s' "1533204620.$BODY" | openssl dgst -sha256 -hmac 'whsec_test_secret'
	private static final String V1 = "aef7151f374a484afa04ba2cc57045a4aec281c82c019e7a8f0a36110e2ba59c";

	private static final Instant SIGNED_AT = Instant.ofEpochSecond(1533204620);

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final StripeSignatureScheme scheme = new StripeSignatureScheme();

	@Test
	void nameAndDefaultLocations() {
		assertThat(this.scheme.name()).isEqualTo("stripe");
		assertThat(this.scheme.defaultIdLocation()).isEqualTo("json:/id");
		assertThat(this.scheme.defaultEventTypeLocation()).isEqualTo("json:/type");
	}

	@Test
	void signProducesIndependentlyComputedSignature() {
		HttpHeaders headers = this.scheme.sign(new SignedContent("evt_1", SIGNED_AT, ReferenceHmac.utf8(BODY)),
				List.of(SECRET));
		assertThat(headers.getFirst("Stripe-Signature")).isEqualTo("t=1533204620,v1=" + V1);
		assertThat(headers.size()).isEqualTo(1);
	}

	@Test
	void verifyAcceptsIndependentlyComputedSignature() {
		assertThat(verify("t=" + TIMESTAMP + ",v1=" + V1, SIGNED_AT, SECRET)).isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void verifyIgnoresOtherSchemesAndUnreadableSignatures() {
		String v0 = ReferenceHmac.hex("HmacSHA256", "whsec_test_secret", "v0 is not checked");
		assertThat(verify("t=" + TIMESTAMP + ", v1=bad_signature, v0=" + v0 + ", v1=" + V1, SIGNED_AT, SECRET))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signThenVerifyRoundTrips() {
		Instant sentAt = Instant.parse("2025-01-01T00:00:00Z");
		byte[] body = ReferenceHmac.utf8("{\"id\":\"evt_1\",\"type\":\"customer.created\"}");
		HttpHeaders headers = this.scheme.sign(new SignedContent("evt_1", sentAt, body), List.of(SECRET));
		assertThat(this.scheme.verify(headers, body, List.of(SECRET), sentAt, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signWithEverySecretAndVerifyAcceptsAnySecretDuringRotation() {
		Secret newSecret = Secret.of("whsec_new");
		String newV1 = ReferenceHmac.hex("HmacSHA256", "whsec_new", TIMESTAMP + "." + BODY);
		HttpHeaders headers = this.scheme.sign(new SignedContent("evt_1", SIGNED_AT, ReferenceHmac.utf8(BODY)),
				List.of(newSecret, SECRET));
		assertThat(headers.getFirst("Stripe-Signature")).isEqualTo("t=1533204620,v1=" + newV1 + ",v1=" + V1);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(BODY), List.of(SECRET), SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(BODY), List.of(newSecret), SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify("t=" + TIMESTAMP + ",v1=" + V1, SIGNED_AT, newSecret, SECRET))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify("t=" + TIMESTAMP + ",v1=" + V1, SIGNED_AT, newSecret))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyChecksTimestampAgainstToleranceInBothDirections() {
		String header = "t=" + TIMESTAMP + ",v1=" + V1;
		assertThat(verify(header, SIGNED_AT.plus(TOLERANCE), SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(header, SIGNED_AT.minus(TOLERANCE), SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(header, SIGNED_AT.plus(TOLERANCE).plusSeconds(1), SECRET))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
		assertThat(verify(header, SIGNED_AT.minus(TOLERANCE).minusSeconds(1), SECRET))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
	}

	@Test
	void verifyChecksTimestampBeforeSignature() {
		// refused for its timestamp whatever its signature: no HMAC is computed for it
		assertThat(verify("t=" + TIMESTAMP + ",v1=" + V1, SIGNED_AT.plus(Duration.ofDays(1)), Secret.of("whsec_other")))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
	}

	@Test
	void verifyWhenHeaderAbsentReturnsMissing() {
		assertThat(this.scheme.verify(new HttpHeaders(), ReferenceHmac.utf8(BODY), List.of(SECRET), SIGNED_AT,
				TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@Test
	void verifyWhenTimestampOrBodyAlteredReturnsInvalid() {
		assertThat(verify("t=1533204621,v1=" + V1, SIGNED_AT, SECRET)).isEqualTo(SignatureVerification.INVALID);
		HttpHeaders headers = new HttpHeaders();
		headers.set("Stripe-Signature", "t=" + TIMESTAMP + ",v1=" + V1);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(BODY.replace("paid", "void")), List.of(SECRET),
				SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "v1,", "t=", "t=,v1=", "t=abc,v1=" + V1, "t=1533204620",
			"t=1533204620,v1=", "t=1533204620,v1=xyz", "v1=" + V1, "t=1533204620,v0=" + V1,
			"t=1533204620;v1=" + V1, "t=1533204620,v1=" + V1 + "00", "t=99999999999999999999,v1=" + V1 })
	void verifyWhenMalformedReturnsInvalid(String header) {
		assertThat(verify(header, SIGNED_AT, SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	private SignatureVerification verify(String header, Instant now, Secret... secrets) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("stripe-signature", header);
		return this.scheme.verify(headers, ReferenceHmac.utf8(BODY), List.of(secrets), now, TOLERANCE);
	}

}
