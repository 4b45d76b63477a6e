package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GitHubSignatureScheme}.
 *
 * @author Webhook Starter team
 */
class GitHubSignatureSchemeTests {

	// GitHub's published example, from "Validating webhook deliveries" in its webhook docs
	private static final Secret DOCS_SECRET = Secret.of("It's a Secret to Everybody");

	private static final byte[] DOCS_BODY = ReferenceHmac.utf8("Hello, World!");

	private static final String DOCS_SIGNATURE = "sha256="
			+ "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

	private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final GitHubSignatureScheme scheme = new GitHubSignatureScheme();

	@Test
	void nameAndDefaultLocations() {
		assertThat(this.scheme.name()).isEqualTo("github");
		assertThat(this.scheme.defaultIdLocation()).isEqualTo("header:X-GitHub-Delivery");
		assertThat(this.scheme.defaultEventTypeLocation()).isEqualTo("header:X-GitHub-Event");
	}

	@Test
	void signReproducesGitHubDocsExample() {
		HttpHeaders headers = this.scheme.sign(new SignedContent("delivery-1", NOW, DOCS_BODY), List.of(DOCS_SECRET));
		assertThat(headers.toSingleValueMap()).containsExactly(Map.entry("X-Hub-Signature-256", DOCS_SIGNATURE));
	}

	@Test
	void verifyAcceptsGitHubDocsExample() {
		assertThat(verify(DOCS_SIGNATURE, DOCS_BODY, DOCS_SECRET)).isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void verifyLooksUpHeaderIgnoringCaseAndAcceptsUpperCaseHex() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-hub-signature-256", "sha256=" + DOCS_SIGNATURE.substring(7).toUpperCase());
		assertThat(this.scheme.verify(headers, DOCS_BODY, List.of(DOCS_SECRET), NOW, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signThenVerifyRoundTrips() {
		String payload = "{\"zen\":\"Keep it logically awesome.\"}";
		byte[] body = ReferenceHmac.utf8(payload);
		Secret secret = Secret.of("round-trip");
		HttpHeaders headers = this.scheme.sign(new SignedContent("delivery-1", NOW, body), List.of(secret));
		assertThat(headers.getFirst("X-Hub-Signature-256"))
			.isEqualTo("sha256=" + ReferenceHmac.hex("HmacSHA256", "round-trip", payload));
		assertThat(this.scheme.verify(headers, body, List.of(secret), NOW, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signUsesFirstSecretAndVerifyAcceptsAnySecretDuringRotation() {
		Secret newSecret = Secret.of("new");
		Secret oldSecret = Secret.of("old");
		HttpHeaders headers = this.scheme.sign(new SignedContent("delivery-1", NOW, DOCS_BODY),
				List.of(newSecret, oldSecret));
		assertThat(headers.getFirst("X-Hub-Signature-256"))
			.isEqualTo("sha256=" + ReferenceHmac.hex("HmacSHA256", "new", "Hello, World!"));
		String signedWithOld = "sha256=" + ReferenceHmac.hex("HmacSHA256", "old", "Hello, World!");
		assertThat(verify(signedWithOld, DOCS_BODY, newSecret, oldSecret)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(headers.getFirst("X-Hub-Signature-256"), DOCS_BODY, oldSecret, newSecret))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify(signedWithOld, DOCS_BODY, newSecret)).isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyIgnoresNowAndTolerance() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Hub-Signature-256", DOCS_SIGNATURE);
		assertThat(this.scheme.verify(headers, DOCS_BODY, List.of(DOCS_SECRET), Instant.EPOCH, Duration.ZERO))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void verifyWhenHeaderAbsentReturnsMissing() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Hub-Signature", "sha1=0123456789abcdef0123456789abcdef01234567");
		assertThat(this.scheme.verify(headers, DOCS_BODY, List.of(DOCS_SECRET), NOW, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@Test
	void verifyWhenBodyAlteredReturnsInvalid() {
		assertThat(verify(DOCS_SIGNATURE, ReferenceHmac.utf8("Hello, World?"), DOCS_SECRET))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyWhenOtherSecretReturnsInvalid() {
		assertThat(verify(DOCS_SIGNATURE, DOCS_BODY, Secret.of("It's a Secret to Nobody")))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "sha256=", "sha256", "sha256=zz", "sha256=757107ea0eb2509f",
			"757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
			"sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
			"sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
			"sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 " })
	void verifyWhenMalformedReturnsInvalid(String signature) {
		assertThat(verify(signature, DOCS_BODY, DOCS_SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	private SignatureVerification verify(String signature, byte[] body, Secret... secrets) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Hub-Signature-256", signature);
		return this.scheme.verify(headers, body, List.of(secrets), NOW, TOLERANCE);
	}

}
