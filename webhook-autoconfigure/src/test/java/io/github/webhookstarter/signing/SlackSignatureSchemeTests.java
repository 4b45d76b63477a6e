package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SlackSignatureScheme}.
 *
 * @author Webhook Starter team
 */
class SlackSignatureSchemeTests {

	// Slack's published example, from "Verifying requests from Slack" in its API docs
	private static final Secret DOCS_SECRET = Secret.of("8f742231b10e8888abcd99yyyzzz85a5");

	private static final String DOCS_TIMESTAMP = "1531420618";

	private static final byte[] DOCS_BODY = ReferenceHmac.utf8("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J"
			+ "&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA"
			+ "&user_name=roadrunner&command=%2Fwebhook-collect&text="
			+ "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
			+ "%2F96rGlfmibIGlgcZRskXaIFfN"
			+ "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

	private static final String DOCS_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

	private static final Instant SIGNED_AT = Instant.ofEpochSecond(1531420618);

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private final SlackSignatureScheme scheme = new SlackSignatureScheme();

	@Test
	void nameAndDefaultLocations() {
		assertThat(this.scheme.name()).isEqualTo("slack");
		assertThat(this.scheme.defaultIdLocation()).isEqualTo("json:/event_id");
		assertThat(this.scheme.defaultEventTypeLocation()).isEqualTo("json:/event/type");
	}

	@Test
	void verifyAcceptsSlackDocsExample() {
		assertThat(verify(DOCS_SIGNATURE, DOCS_TIMESTAMP, SIGNED_AT, DOCS_SECRET))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signReproducesSlackDocsExample() {
		HttpHeaders headers = this.scheme.sign(new SignedContent("Ev1", SIGNED_AT, DOCS_BODY), List.of(DOCS_SECRET));
		assertThat(headers.getFirst("X-Slack-Signature")).isEqualTo(DOCS_SIGNATURE);
		assertThat(headers.getFirst("X-Slack-Request-Timestamp")).isEqualTo(DOCS_TIMESTAMP);
		assertThat(headers.size()).isEqualTo(2);
	}

	@Test
	void signThenVerifyRoundTrips() {
		Instant sentAt = Instant.parse("2025-01-01T00:00:00Z");
		byte[] body = ReferenceHmac.utf8("{\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\"}}");
		Secret secret = Secret.of("round-trip");
		HttpHeaders headers = this.scheme.sign(new SignedContent("Ev1", sentAt, body), List.of(secret));
		String signed = "v0:" + sentAt.getEpochSecond() + ":" + new String(body, StandardCharsets.UTF_8);
		assertThat(headers.getFirst("X-Slack-Signature"))
			.isEqualTo("v0=" + ReferenceHmac.hex("HmacSHA256", "round-trip", signed));
		assertThat(this.scheme.verify(headers, body, List.of(secret), sentAt.plusSeconds(1), TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void verifyAcceptsAnySecretDuringRotation() {
		Secret newSecret = Secret.of("new");
		assertThat(verify(DOCS_SIGNATURE, DOCS_TIMESTAMP, SIGNED_AT, newSecret, DOCS_SECRET))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify(DOCS_SIGNATURE, DOCS_TIMESTAMP, SIGNED_AT, newSecret))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyChecksTimestampAgainstToleranceInBothDirections() {
		assertThat(verify(DOCS_SIGNATURE, DOCS_TIMESTAMP, SIGNED_AT.plus(TOLERANCE), DOCS_SECRET))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify(DOCS_SIGNATURE, DOCS_TIMESTAMP, SIGNED_AT.minus(TOLERANCE), DOCS_SECRET))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify(DOCS_SIGNATURE, DOCS_TIMESTAMP, SIGNED_AT.plus(TOLERANCE).plusSeconds(1), DOCS_SECRET))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
		assertThat(verify(DOCS_SIGNATURE, DOCS_TIMESTAMP, SIGNED_AT.minus(TOLERANCE).minusSeconds(1), DOCS_SECRET))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
	}

	@Test
	void verifyChecksTimestampBeforeSignature() {
		// refused for its timestamp whatever its signature: no HMAC is computed for it
		assertThat(verify(DOCS_SIGNATURE, DOCS_TIMESTAMP, SIGNED_AT.plus(Duration.ofDays(1)), Secret.of("other")))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
	}

	@Test
	void verifyWhenTimestampAlteredReturnsInvalid() {
		assertThat(verify(DOCS_SIGNATURE, "1531420619", SIGNED_AT, DOCS_SECRET))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyWhenSignatureHeaderAbsentReturnsMissing() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Slack-Request-Timestamp", DOCS_TIMESTAMP);
		assertThat(this.scheme.verify(headers, DOCS_BODY, List.of(DOCS_SECRET), SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@Test
	void verifyWhenTimestampHeaderAbsentReturnsMissing() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Slack-Signature", DOCS_SIGNATURE);
		assertThat(this.scheme.verify(headers, DOCS_BODY, List.of(DOCS_SECRET), SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "v0=", "v0=xyz", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
			"a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503" })
	void verifyWhenSignatureMalformedReturnsInvalid(String signature) {
		assertThat(verify(signature, DOCS_TIMESTAMP, SIGNED_AT, DOCS_SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "1531420618.5", "99999999999999999999" })
	void verifyWhenTimestampMalformedReturnsInvalid(String timestamp) {
		assertThat(verify(DOCS_SIGNATURE, timestamp, SIGNED_AT, DOCS_SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	private SignatureVerification verify(String signature, String timestamp, Instant now, Secret... secrets) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-slack-signature", signature);
		headers.set("x-slack-request-timestamp", timestamp);
		return this.scheme.verify(headers, DOCS_BODY, List.of(secrets), now, TOLERANCE);
	}

}
