package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What verifying costs: a stale or replayed request is refused for its timestamp before any
 * HMAC of its body is computed, and a fresh one computes one HMAC per secret tried, with keys
 * prepared once per secret.
 */
class VerificationCostTests {

	private static final Instant SIGNED_AT = Instant.parse("2026-11-30T12:00:00Z");

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private static final byte[] BODY = "{\"type\":\"order.created\"}".getBytes(StandardCharsets.UTF_8);

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	@ParameterizedTest
	@ValueSource(strings = { "standard", "stripe", "slack", "paddle", "timestamped hmac" })
	void staleRequestIsRefusedWithoutComputingAnyHmac(String name) {
		SignatureScheme scheme = scheme(name);
		HttpHeaders headers = scheme.sign(new SignedContent("msg_1", SIGNED_AT, BODY), List.of(Secret.of(SECRET)));
		Instant late = SIGNED_AT.plus(TOLERANCE).plusSeconds(1);
		// fresh secrets: their keys are prepared, if at all, with the counting provider
		assertThat(countHmacs(() -> scheme.verify(headers, BODY, List.of(Secret.of(SECRET)), late, TOLERANCE)))
			.isZero();
		assertThat(scheme.verify(headers, BODY, List.of(Secret.of(SECRET)), late, TOLERANCE))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
		// the counter sees the HMAC of a request in time
		assertThat(countHmacs(() -> scheme.verify(headers, BODY, List.of(Secret.of(SECRET)), SIGNED_AT, TOLERANCE)))
			.isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "standard", "github", "stripe", "shopify", "slack", "paddle", "servo" })
	void verifyingComputesOneHmacPerSecretTried(String name) {
		SignatureScheme scheme = scheme(name);
		Secret old = Secret.of("whsec_b2xkIHNlY3JldCBvZiB0aGUgc2VuZGVy");
		HttpHeaders headers = scheme.sign(new SignedContent("msg_1", SIGNED_AT, BODY), List.of(old));
		Secret current = Secret.of(SECRET);
		Secret previous = Secret.of("whsec_b2xkIHNlY3JldCBvZiB0aGUgc2VuZGVy");
		CountingMacProvider.Counts counts = CountingMacProvider.count(() -> {
			for (int i = 0; i < 3; i++) {
				assertThat(scheme.verify(headers, BODY, List.of(current, previous), SIGNED_AT, TOLERANCE))
					.isEqualTo(SignatureVerification.VALID);
			}
			return null;
		});
		// the current secret is tried first and fails, then the previous one matches
		assertThat(counts.hmacs()).isEqualTo(6);
		// a key is prepared once per secret, not once per call
		assertThat(counts.inits()).isEqualTo(2);
	}

	private static int countHmacs(Supplier<?> action) {
		return CountingMacProvider.count(action).hmacs();
	}

	private static SignatureScheme scheme(String name) {
		if (name.equals("timestamped hmac")) {
			return HmacSignatureScheme.builder()
				.header("X-Signature")
				.signedContent("{timestamp}.{body}")
				.timestampHeader("X-Timestamp")
				.build();
		}
		SignatureScheme scheme = new SignatureSchemes(List.of()).get(name);
		assertThat(scheme).isNotNull();
		return scheme;
	}

}
