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
 * Tests for {@link ServoSignatureScheme}.
 *
 * @author Webhook Starter team
 */
class ServoSignatureSchemeTests {

	// the example secret of servo-webhooks' generated configuration
	private static final Secret SECRET = Secret.of("s3cr3t!");

	private static final String BODY = "{\"event\":\"after:measure\","
			+ "\"created_at\":\"2021-03-01T12:00:00\",\"results\":[]}";

	// servo-webhooks publishes no example signature, so this was computed independently with
	// printf '%s' "$BODY" | openssl dgst -sha1 -hmac 's3cr3t!'
	private static final String SIGNATURE = "f2b7bb93d6b9f14f8ee2708e9dc4b3d78593ee4b";

	private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final ServoSignatureScheme scheme = new ServoSignatureScheme();

	@Test
	void nameAndDefaultLocations() {
		assertThat(this.scheme.name()).isEqualTo("servo");
		assertThat(this.scheme.defaultIdLocation()).isNull();
		assertThat(this.scheme.defaultEventTypeLocation()).isNull();
	}

	@Test
	void signProducesIndependentlyComputedSignature() {
		HttpHeaders headers = this.scheme.sign(new SignedContent("1", NOW, ReferenceHmac.utf8(BODY)), List.of(SECRET));
		assertThat(headers.getFirst("X-Servo-Signature")).isEqualTo(SIGNATURE);
		assertThat(headers.size()).isEqualTo(1);
	}

	@Test
	void verifyAcceptsIndependentlyComputedSignature() {
		assertThat(verify(SIGNATURE, BODY, SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(ReferenceHmac.hex("HmacSHA1", "testing", "{}"), "{}", Secret.of("testing")))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signThenVerifyRoundTrips() {
		byte[] body = ReferenceHmac.utf8("{\"event\":\"after:adjust\"}");
		HttpHeaders headers = this.scheme.sign(new SignedContent("1", NOW, body), List.of(SECRET));
		assertThat(this.scheme.verify(headers, body, List.of(SECRET), NOW, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void verifyAcceptsAnySecretDuringRotation() {
		Secret newSecret = Secret.of("new");
		assertThat(verify(SIGNATURE, BODY, newSecret, SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(SIGNATURE, BODY, newSecret)).isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyIgnoresNowAndTolerance() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-servo-signature", SIGNATURE);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(BODY), List.of(SECRET), Instant.EPOCH,
				Duration.ZERO))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void verifyWhenHeaderAbsentReturnsMissing() {
		assertThat(this.scheme.verify(new HttpHeaders(), ReferenceHmac.utf8(BODY), List.of(SECRET), NOW, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@Test
	void verifyWhenBodyAlteredReturnsInvalid() {
		assertThat(verify(SIGNATURE, BODY.replace("[]", "[1]"), SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	// the last is the HMAC-SHA256 of the body, not the HMAC-SHA1 servo-webhooks sends
	@ParameterizedTest
	@ValueSource(strings = { "", "f2b7bb93d6b9f14f8ee2708e9dc4b3d78593ee4", "g2b7bb93d6b9f14f8ee2708e9dc4b3d78593ee4b",
			"sha1=f2b7bb93d6b9f14f8ee2708e9dc4b3d78593ee4b",
			"d9d09e9a61b86725f774e40da41ac13b1c9198d82566b9285c8f50c08a302358" })
	void verifyWhenMalformedReturnsInvalid(String signature) {
		assertThat(verify(signature, BODY, SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	private SignatureVerification verify(String signature, String body, Secret... secrets) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Servo-Signature", signature);
		return this.scheme.verify(headers, ReferenceHmac.utf8(body), List.of(secrets), NOW, TOLERANCE);
	}

}
