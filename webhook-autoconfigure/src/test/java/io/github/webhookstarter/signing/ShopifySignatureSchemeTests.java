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
 * Tests for {@link ShopifySignatureScheme}.
 *
 * @author Webhook Starter team
 */
class ShopifySignatureSchemeTests {

	private static final Secret SECRET = Secret.of("shpss_example_secret");

	private static final String BODY = "{\"id\":820982911946154508,\"email\":\"jon@example.com\"}";

	// Shopify publishes no example with its secret, so this was computed independently with
	// printf '%s' "$BODY" | openssl dgst -sha256 -hmac 'shpss_example_secret' -binary | base64
	private static final String SIGNATURE = "35DGSCsYGhssCXikM1rFvRtvLrHjZ3LG9BTZ5lYDs7g=";

	private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final ShopifySignatureScheme scheme = new ShopifySignatureScheme();

	@Test
	void nameAndDefaultLocations() {
		assertThat(this.scheme.name()).isEqualTo("shopify");
		assertThat(this.scheme.defaultIdLocation()).isEqualTo("header:X-Shopify-Webhook-Id");
		assertThat(this.scheme.defaultEventTypeLocation()).isEqualTo("header:X-Shopify-Topic");
	}

	@Test
	void signProducesIndependentlyComputedSignature() {
		HttpHeaders headers = this.scheme.sign(new SignedContent("b54557e4", NOW, ReferenceHmac.utf8(BODY)),
				List.of(SECRET));
		assertThat(headers.getFirst("X-Shopify-Hmac-SHA256")).isEqualTo(SIGNATURE);
		assertThat(headers.size()).isEqualTo(1);
	}

	@Test
	void verifyAcceptsIndependentlyComputedSignature() {
		assertThat(verify(SIGNATURE, BODY, SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(ReferenceHmac.base64("HmacSHA256", "other", BODY), BODY, Secret.of("other")))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signThenVerifyRoundTrips() {
		byte[] body = ReferenceHmac.utf8("{\"id\":1}");
		HttpHeaders headers = this.scheme.sign(new SignedContent("b54557e4", NOW, body), List.of(SECRET));
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
		headers.set("x-shopify-hmac-sha256", SIGNATURE);
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
		assertThat(verify(SIGNATURE, BODY + " ", SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	// the last is the right HMAC, but in hexadecimal
	@ParameterizedTest
	@ValueSource(strings = { "", "not base64!", "35DGSCsYGhssCXikM1rFvRtvLrHjZ3LG9BTZ5lYD",
			"45DGSCsYGhssCXikM1rFvRtvLrHjZ3LG9BTZ5lYDs7g=",
			"df90c6482b181a1b2c0978a4335ac5bd1b6f2eb1e36772c6f414d9e65603b3b8" })
	void verifyWhenMalformedReturnsInvalid(String signature) {
		assertThat(verify(signature, BODY, SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	private SignatureVerification verify(String signature, String body, Secret... secrets) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Shopify-Hmac-SHA256", signature);
		return this.scheme.verify(headers, ReferenceHmac.utf8(body), List.of(secrets), NOW, TOLERANCE);
	}

}
