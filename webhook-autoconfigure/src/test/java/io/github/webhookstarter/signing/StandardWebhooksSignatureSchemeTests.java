package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link StandardWebhooksSignatureScheme}, including interoperability with the
 * Standard Webhooks reference Java library.
 *
 * @author Webhook Starter team
 */
class StandardWebhooksSignatureSchemeTests {

	// the test vector of the standard-webhooks repository, as in its libraries' tests such as
	// libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java
	private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	private static final String SPEC_TIMESTAMP = "1614265330";

	private static final String SPEC_BODY = "{\"test\": 2432232314}";

	private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

	private static final Instant SIGNED_AT = Instant.ofEpochSecond(1614265330);

	private static final String OTHER_SECRET = "whsec_YS1yb3RhdGVkLXN0YW5kYXJkLXdlYmhvb2tzLWtleSE=";

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final StandardWebhooksSignatureScheme scheme = new StandardWebhooksSignatureScheme();

	@Test
	void nameAndDefaultLocations() {
		assertThat(this.scheme.name()).isEqualTo("standard");
		assertThat(this.scheme.defaultIdLocation()).isEqualTo("header:webhook-id,svix-id");
		assertThat(this.scheme.defaultEventTypeLocation()).isEqualTo("json:/type");
	}

	@Test
	void signReproducesSpecTestVector() {
		HttpHeaders headers = this.scheme.sign(new SignedContent(SPEC_ID, SIGNED_AT, ReferenceHmac.utf8(SPEC_BODY)),
				List.of(Secret.of(SPEC_SECRET)));
		assertThat(headers.getFirst("webhook-id")).isEqualTo(SPEC_ID);
		assertThat(headers.getFirst("webhook-timestamp")).isEqualTo(SPEC_TIMESTAMP);
		assertThat(headers.getFirst("webhook-signature")).isEqualTo(SPEC_SIGNATURE);
		assertThat(headers.size()).isEqualTo(3);
	}

	@Test
	void verifyAcceptsSpecTestVectorWithOrWithoutSecretPrefix() {
		assertThat(verify(SPEC_SIGNATURE, SIGNED_AT, SPEC_SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(SPEC_SIGNATURE, SIGNED_AT, SPEC_SECRET.substring("whsec_".length())))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void verifyAcceptsSpecTestVectorWithSvixHeaderNames() {
		HttpHeaders headers = svixHeaders(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(SPEC_BODY), List.of(Secret.of(SPEC_SECRET)),
				SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(SPEC_BODY), List.of(Secret.of(OTHER_SECRET)),
				SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "svix-id", "svix-timestamp", "svix-signature" })
	void verifyWhenSvixHeaderAbsentReturnsMissing(String absent) {
		HttpHeaders headers = svixHeaders(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE);
		headers.remove(absent);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(SPEC_BODY), List.of(Secret.of(SPEC_SECRET)),
				SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@Test
	void verifyWhenWebhookIdPresentReadsWebhookHeadersOnly() {
		// otherwise a replay of a Svix-signed call with a new webhook-id beside it would be
		// verified with svix-id but deduplicated by the new webhook-id
		HttpHeaders headers = svixHeaders(SPEC_ID, SPEC_TIMESTAMP, SPEC_SIGNATURE);
		headers.set("webhook-id", "msg_replayed");
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(SPEC_BODY), List.of(Secret.of(SPEC_SECRET)),
				SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
		headers.set("webhook-timestamp", SPEC_TIMESTAMP);
		headers.set("webhook-signature", SPEC_SIGNATURE);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(SPEC_BODY), List.of(Secret.of(SPEC_SECRET)),
				SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyAcceptsWhatSvixLibrarySignsWithEitherHeaderNames() throws Exception {
		String body = "{\"type\":\"invoice.paid\",\"name\":\"Zoë\"}";
		long timestamp = 1700000000;
		String signature = new com.svix.Webhook(SPEC_SECRET).sign("msg_svix", timestamp, body);
		HttpHeaders svix = svixHeaders("msg_svix", Long.toString(timestamp), signature);
		HttpHeaders standard = new HttpHeaders();
		standard.set("webhook-id", "msg_svix");
		standard.set("webhook-timestamp", Long.toString(timestamp));
		standard.set("webhook-signature", signature);
		for (HttpHeaders headers : List.of(svix, standard)) {
			assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(body), List.of(Secret.of(SPEC_SECRET)),
					Instant.ofEpochSecond(timestamp), TOLERANCE))
				.isEqualTo(SignatureVerification.VALID);
		}
	}

	@Test
	void verifyAcceptsWhatReferenceLibrarySigns() throws Exception {
		String body = "{\"type\":\"invoice.paid\",\"name\":\"Zoë\"}";
		long timestamp = 1700000000;
		String signature = new Webhook(SPEC_SECRET).sign("msg_2", timestamp, body);
		HttpHeaders headers = new HttpHeaders();
		headers.set("webhook-id", "msg_2");
		headers.set("webhook-timestamp", Long.toString(timestamp));
		headers.set("webhook-signature", signature);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(body), List.of(Secret.of(SPEC_SECRET)),
				Instant.ofEpochSecond(timestamp), TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(body), List.of(Secret.of(OTHER_SECRET)),
				Instant.ofEpochSecond(timestamp), TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void referenceLibraryAcceptsWhatWeSignWithEachSecretAndRefusesOtherSecrets() {
		// the library checks the timestamp against its own clock
		String body = "{\"type\":\"invoice.paid\",\"name\":\"Zoë\"}";
		HttpHeaders headers = this.scheme.sign(new SignedContent("msg_3", Instant.now(), ReferenceHmac.utf8(body)),
				List.of(Secret.of(SPEC_SECRET), Secret.of(OTHER_SECRET)));
		assertThatNoException()
			.isThrownBy(() -> new Webhook(SPEC_SECRET).verify(body, headers.asMultiValueMap()));
		assertThatNoException()
			.isThrownBy(() -> new Webhook(OTHER_SECRET).verify(body, headers.asMultiValueMap()));
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> new Webhook("whsec_" + Base64.getEncoder().encodeToString(new byte[24]))
				.verify(body, headers.asMultiValueMap()));
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> new Webhook(SPEC_SECRET).verify(body + " ", headers.asMultiValueMap()));
	}

	@Test
	void signThenVerifyRoundTrips() {
		Instant sentAt = Instant.parse("2025-01-01T00:00:00Z");
		byte[] body = ReferenceHmac.utf8("{\"type\":\"user.created\"}");
		List<Secret> secrets = List.of(Secret.of(OTHER_SECRET));
		HttpHeaders headers = this.scheme.sign(new SignedContent("msg_4", sentAt, body), secrets);
		assertThat(this.scheme.verify(headers, body, secrets, sentAt, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signWithEverySecretAndVerifyAcceptsAnySecretDuringRotation() {
		String otherSignature = "v1," + Base64.getEncoder()
			.encodeToString(ReferenceHmac.compute("HmacSHA256", Base64.getDecoder().decode(OTHER_SECRET.substring(6)),
					ReferenceHmac.utf8(SPEC_ID + "." + SPEC_TIMESTAMP + "." + SPEC_BODY)));
		HttpHeaders headers = this.scheme.sign(new SignedContent(SPEC_ID, SIGNED_AT, ReferenceHmac.utf8(SPEC_BODY)),
				List.of(Secret.of(OTHER_SECRET), Secret.of(SPEC_SECRET)));
		assertThat(headers.getFirst("webhook-signature")).isEqualTo(otherSignature + " " + SPEC_SIGNATURE);
		assertThat(verify(headers.getFirst("webhook-signature"), SIGNED_AT, SPEC_SECRET))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify(headers.getFirst("webhook-signature"), SIGNED_AT, OTHER_SECRET))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify(SPEC_SIGNATURE, SIGNED_AT, OTHER_SECRET, SPEC_SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(SPEC_SIGNATURE, SIGNED_AT, OTHER_SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyAcceptsAnyV1SignatureAndIgnoresOtherVersions() {
		String signatures = "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v2,abc  "
				+ "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= " + SPEC_SIGNATURE;
		assertThat(verify(signatures, SIGNED_AT, SPEC_SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify("v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", SIGNED_AT, SPEC_SECRET))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyChecksTimestampAgainstToleranceInBothDirections() {
		assertThat(verify(SPEC_SIGNATURE, SIGNED_AT.plus(TOLERANCE), SPEC_SECRET))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify(SPEC_SIGNATURE, SIGNED_AT.minus(TOLERANCE), SPEC_SECRET))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify(SPEC_SIGNATURE, SIGNED_AT.plus(TOLERANCE).plusSeconds(1), SPEC_SECRET))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
		assertThat(verify(SPEC_SIGNATURE, SIGNED_AT.minus(TOLERANCE).minusSeconds(1), SPEC_SECRET))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
	}

	@Test
	void verifyChecksTimestampBeforeSignature() {
		// refused for its timestamp whatever its signature: no HMAC is computed for it
		assertThat(verify(SPEC_SIGNATURE, Instant.EPOCH, OTHER_SECRET)).isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "webhook-id", "webhook-timestamp", "webhook-signature" })
	void verifyWhenHeaderAbsentReturnsMissing(String absent) {
		HttpHeaders headers = specHeaders(SPEC_SIGNATURE);
		headers.remove(absent);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(SPEC_BODY), List.of(Secret.of(SPEC_SECRET)),
				SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "v1,", "v1", "v1,!!!", "v1,g0hM9SsE",
			"g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
			"v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "v1,h0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
			"v1;g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" })
	void verifyWhenSignatureMalformedReturnsInvalid(String signature) {
		assertThat(verify(signature, SIGNED_AT, SPEC_SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "1614265330.0", "1614265331" })
	void verifyWhenTimestampMalformedOrAlteredReturnsInvalid(String timestamp) {
		HttpHeaders headers = specHeaders(SPEC_SIGNATURE);
		headers.set("webhook-timestamp", timestamp);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(SPEC_BODY), List.of(Secret.of(SPEC_SECRET)),
				SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyWhenIdAlteredReturnsInvalid() {
		HttpHeaders headers = specHeaders(SPEC_SIGNATURE);
		headers.set("webhook-id", "msg_other");
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(SPEC_BODY), List.of(Secret.of(SPEC_SECRET)),
				SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void secretThatIsNotBase64FailsWithoutRevealingIt() {
		String secret = "whsec_not*base64*but-a-real-password";
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> verify(SPEC_SIGNATURE, SIGNED_AT, secret))
			.withMessage("Standard Webhooks secret is not base64 (expected 'whsec_' followed by base64)")
			.withNoCause();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.scheme.sign(new SignedContent(SPEC_ID, SIGNED_AT, new byte[0]),
					List.of(Secret.of(secret))))
			.withMessageNotContaining(secret)
			.withMessageNotContaining("password");
	}

	private SignatureVerification verify(String signature, Instant now, String... secrets) {
		return this.scheme.verify(specHeaders(signature), ReferenceHmac.utf8(SPEC_BODY),
				Arrays.stream(secrets).map(Secret::of).toList(), now, TOLERANCE);
	}

	private static HttpHeaders svixHeaders(String id, String timestamp, String signature) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("svix-id", id);
		headers.set("svix-timestamp", timestamp);
		headers.set("svix-signature", signature);
		return headers;
	}

	private static HttpHeaders specHeaders(String signature) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Webhook-Id", SPEC_ID);
		headers.set("Webhook-Timestamp", SPEC_TIMESTAMP);
		headers.set("Webhook-Signature", signature);
		return headers;
	}

}
