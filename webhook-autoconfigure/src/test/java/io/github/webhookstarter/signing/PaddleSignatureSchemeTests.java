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
 * Tests for {@link PaddleSignatureScheme}.
 *
 * @author Webhook Starter team
 */
class PaddleSignatureSchemeTests {

	// Paddle's published example, from VerifierTest in its official PHP SDK (PaddleHQ/paddle-php-sdk),
	// where the third of three secrets is the right one and a "dummy" h1 comes first
	private static final String SDK_SECRET_KEY = "pdl_ntf_01hbpjmytsa32fhr36nqgc3kgb_WvRO0eL4Bj9rgYYIBZY6wZhG4EHy9jzh";

	private static final List<Secret> SDK_SECRETS = List.of(
			Secret.of("pdl_ntf_01hbpjmytsa32fhr36nqgc3kgb_TjIG2BXbm83HPXqNfziwe506sBEdqL/4"),
			Secret.of("pdl_ntf_01hbpjmytsa32fhr36nqgc3kgb_vB/yIOnTOCWIvpBadM5jzBZPHc7OmdSo"),
			Secret.of(SDK_SECRET_KEY));

	private static final Secret SDK_SECRET = SDK_SECRETS.get(2);

	private static final String SDK_HEADER = "ts=1696195954;h1=dummy;"
			+ "h1=d96299976a6eb066f484d7fde011ac56fc32b38fc9940bc419d6e537fdc6ef02";

	private static final String H1 = "d96299976a6eb066f484d7fde011ac56fc32b38fc9940bc419d6e537fdc6ef02";

	private static final String BODY = "hello-world";

	private static final Instant SIGNED_AT = Instant.ofEpochSecond(1696195954);

	private static final Duration TOLERANCE = Duration.ofSeconds(5);

	private final PaddleSignatureScheme scheme = new PaddleSignatureScheme();

	@Test
	void nameAndDefaultLocations() {
		assertThat(this.scheme.name()).isEqualTo("paddle");
		assertThat(this.scheme.defaultIdLocation()).isEqualTo("json:/event_id");
		assertThat(this.scheme.defaultEventTypeLocation()).isEqualTo("json:/event_type");
	}

	@Test
	void verifyAcceptsPaddleSdkExample() {
		assertThat(verify(SDK_HEADER, SIGNED_AT, SDK_SECRETS)).isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signReproducesPaddleSdkExample() {
		HttpHeaders headers = this.scheme.sign(new SignedContent("evt_1", SIGNED_AT, ReferenceHmac.utf8(BODY)),
				List.of(SDK_SECRET));
		assertThat(headers.getFirst("Paddle-Signature")).isEqualTo("ts=1696195954;h1=" + H1);
		assertThat(headers.size()).isEqualTo(1);
	}

	@Test
	void signThenVerifyRoundTrips() {
		Instant sentAt = Instant.parse("2025-01-01T00:00:00Z");
		byte[] body = ReferenceHmac.utf8("{\"event_id\":\"evt_1\",\"event_type\":\"customer.created\"}");
		Secret secret = Secret.of("pdl_ntfset_round_trip");
		HttpHeaders headers = this.scheme.sign(new SignedContent("evt_1", sentAt, body), List.of(secret));
		String signed = sentAt.getEpochSecond() + ":" + new String(body, StandardCharsets.UTF_8);
		assertThat(headers.getFirst("Paddle-Signature")).isEqualTo("ts=" + sentAt.getEpochSecond() + ";h1="
				+ ReferenceHmac.hex("HmacSHA256", "pdl_ntfset_round_trip", signed));
		assertThat(this.scheme.verify(headers, body, List.of(secret), sentAt, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signWithEverySecretNewestLastAndVerifyAcceptsAnySecretDuringRotation() {
		Secret newSecret = Secret.of("pdl_ntfset_new");
		String newH1 = ReferenceHmac.hex("HmacSHA256", "pdl_ntfset_new", "1696195954:" + BODY);
		HttpHeaders headers = this.scheme.sign(new SignedContent("evt_1", SIGNED_AT, ReferenceHmac.utf8(BODY)),
				List.of(newSecret, SDK_SECRET));
		assertThat(headers.getFirst("Paddle-Signature")).isEqualTo("ts=1696195954;h1=" + H1 + ";h1=" + newH1);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(BODY), List.of(SDK_SECRET), SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(this.scheme.verify(headers, ReferenceHmac.utf8(BODY), List.of(newSecret), SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(verify("ts=1696195954;h1=" + H1, SIGNED_AT, List.of(newSecret)))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void paddleNodeSdkAcceptsWhatWeSignWithNewestAndOldSecretOnlyWithTheNewest() {
		String newestKey = "pdl_ntfset_newest";
		String header = this.scheme
			.sign(new SignedContent("evt_1", SIGNED_AT, ReferenceHmac.utf8(BODY)),
					List.of(Secret.of(newestKey), SDK_SECRET))
			.getFirst("Paddle-Signature");
		assertThat(paddleNodeSdkIsValidSignature(BODY, newestKey, header)).isTrue();
		// a receiver still on the old secret refuses until it moves to the newest
		assertThat(paddleNodeSdkIsValidSignature(BODY, SDK_SECRET_KEY, header)).isFalse();
	}

	@Test
	void verifyChecksTimestampAgainstToleranceInBothDirections() {
		assertThat(verify(SDK_HEADER, SIGNED_AT.plus(TOLERANCE), SDK_SECRETS)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(SDK_HEADER, SIGNED_AT.minus(TOLERANCE), SDK_SECRETS)).isEqualTo(SignatureVerification.VALID);
		assertThat(verify(SDK_HEADER, SIGNED_AT.plus(TOLERANCE).plusSeconds(1), SDK_SECRETS))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
		assertThat(verify(SDK_HEADER, SIGNED_AT.minus(TOLERANCE).minusSeconds(1), SDK_SECRETS))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
	}

	@Test
	void verifyChecksTimestampBeforeSignature() {
		// refused for its timestamp whatever its signature: no HMAC is computed for it
		assertThat(verify(SDK_HEADER, Instant.EPOCH, SDK_SECRETS.subList(0, 2)))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
	}

	@Test
	void verifyWhenHeaderAbsentReturnsMissing() {
		assertThat(this.scheme.verify(new HttpHeaders(), ReferenceHmac.utf8(BODY), SDK_SECRETS, SIGNED_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "ts=", "ts=;h1=", "h1=" + H1, "ts=1696195954", "ts=1696195954;h1=",
			"ts=abc;h1=" + H1, "ts=1696195954;h2=" + H1, "ts=1696195954," + "h1=" + H1, "ts=1696195955;h1=" + H1,
			"t=1696195954;h1=" + H1 })
	void verifyWhenMalformedReturnsInvalid(String header) {
		assertThat(verify(header, SIGNED_AT, SDK_SECRETS)).isEqualTo(SignatureVerification.INVALID);
	}

	/**
	 * Paddle's Node.js SDK check, written out as {@code WebhooksValidator} of
	 * PaddleHQ/paddle-node-sdk does it (src/notifications/helpers/webhooks-validator.ts): split
	 * on {@code ;}, then each part on {@code =}, keeping the last {@code ts} and the last
	 * {@code h1} that have a value; refuse a timestamp more than 5 seconds old (here against
	 * {@link #SIGNED_AT}); compare the hex HMAC-SHA256 of {@code "ts:body"} with that one
	 * {@code h1}.
	 */
	private static boolean paddleNodeSdkIsValidSignature(String requestBody, String secretKey, String signature) {
		String ts = "";
		String h1 = "";
		for (String part : signature.split(";", -1)) {
			String[] keyValue = part.split("=", -1);
			String key = keyValue[0];
			String value = (keyValue.length > 1) ? keyValue[1] : "";
			if (!value.isEmpty()) {
				if (key.equals("ts")) {
					ts = value;
				}
				else if (key.equals("h1")) {
					h1 = value;
				}
			}
		}
		if (ts.isEmpty() || h1.isEmpty()) {
			throw new IllegalArgumentException("[Paddle] Invalid webhook signature");
		}
		long timestamp = Long.parseLong(ts);
		if (SIGNED_AT.toEpochMilli() > (timestamp + 5) * 1000) {
			return false;
		}
		return ReferenceHmac.hex("HmacSHA256", secretKey, timestamp + ":" + requestBody).equals(h1);
	}

	private SignatureVerification verify(String header, Instant now, List<Secret> secrets) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("paddle-signature", header);
		return this.scheme.verify(headers, ReferenceHmac.utf8(BODY), secrets, now, TOLERANCE);
	}

}
