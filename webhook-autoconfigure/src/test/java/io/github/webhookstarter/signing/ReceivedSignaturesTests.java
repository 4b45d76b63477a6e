package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReceivedSignatures} through the schemes that read their signatures with it:
 * a signature is accepted exactly when it decodes to the expected bytes, as when every received
 * signature was decoded, whatever its position among several and whichever secret made it.
 *
 * @author Webhook Starter team
 */
class ReceivedSignaturesTests {

	private static final Instant SIGNED_AT = Instant.ofEpochSecond(1614265330);

	private static final String TIMESTAMP = "1614265330";

	private static final String BODY = "{\"type\":\"order.created\",\"data\":{\"id\":42}}";

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String OLD_SECRET = "whsec_YS1yb3RhdGVkLXN0YW5kYXJkLXdlYmhvb2tzLWtleSE=";

	private static final String OTHER_SECRET = "whsec_b2xkIHNlY3JldCBvZiB0aGUgc2VuZGVy";

	@Test
	void hexSignatureInUpperOrMixedCaseIsAccepted() {
		String hex = ReferenceHmac.hex("HmacSHA256", SECRET, BODY);
		assertThat(verifyGitHub("sha256=" + hex.toUpperCase(Locale.ROOT))).isEqualTo(SignatureVerification.VALID);
		assertThat(verifyGitHub("sha256=" + mixedCase(hex))).isEqualTo(SignatureVerification.VALID);
		assertThat(verifyStripe("t=" + TIMESTAMP + ",v1="
				+ ReferenceHmac.hex("HmacSHA256", SECRET, TIMESTAMP + "." + BODY).toUpperCase(Locale.ROOT), SECRET))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void base64SignatureWithoutPaddingIsAccepted() {
		String base64 = ReferenceHmac.base64("HmacSHA256", SECRET, BODY);
		assertThat(base64).endsWith("=");
		assertThat(verifyShopify(base64.substring(0, base64.length() - 1))).isEqualTo(SignatureVerification.VALID);
		String standard = standardSignature(SECRET);
		assertThat(verifyStandard("v1," + standard.substring(0, standard.length() - 1), SECRET))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signatureInAnotherEncodingIsRefused() {
		byte[] hmac = ReferenceHmac.compute("HmacSHA256", ReferenceHmac.utf8(SECRET), ReferenceHmac.utf8(BODY));
		assertThat(verifyGitHub("sha256=" + Base64.getEncoder().encodeToString(hmac)))
			.isEqualTo(SignatureVerification.INVALID);
		assertThat(verifyShopify(ReferenceHmac.hex("HmacSHA256", SECRET, BODY)))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\u00e9", "\u0130", "\u0131", "\uff10", "?", " ", "=" })
	void signatureWithAForeignCharacterIsRefused(String foreign) {
		String hex = ReferenceHmac.hex("HmacSHA256", SECRET, BODY);
		assertThat(verifyGitHub("sha256=" + foreign + hex.substring(1))).isEqualTo(SignatureVerification.INVALID);
		assertThat(verifyGitHub("sha256=" + hex.substring(0, 63) + foreign)).isEqualTo(SignatureVerification.INVALID);
		String base64 = ReferenceHmac.base64("HmacSHA256", SECRET, BODY);
		assertThat(verifyShopify(foreign + base64.substring(1))).isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void signatureTooShortOrTooLongIsRefused() {
		String hex = ReferenceHmac.hex("HmacSHA256", SECRET, BODY);
		assertThat(verifyGitHub("sha256=" + hex.substring(0, 62))).isEqualTo(SignatureVerification.INVALID);
		assertThat(verifyGitHub("sha256=" + hex + "00")).isEqualTo(SignatureVerification.INVALID);
		assertThat(verifyGitHub("sha256=" + hex + " ")).isEqualTo(SignatureVerification.INVALID);
		String base64 = ReferenceHmac.base64("HmacSHA256", SECRET, BODY);
		assertThat(verifyShopify(base64 + "=")).isEqualTo(SignatureVerification.INVALID);
		assertThat(verifyShopify(base64 + "AAAA")).isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void anyOfSeveralSignaturesMatchesAnyOfSeveralSecrets() {
		String old = standardSignature(OLD_SECRET);
		String current = standardSignature(SECRET);
		String header = "v1," + standardSignature(OTHER_SECRET) + " v2," + current + " v1," + old + " v1,!!!";
		assertThat(verifyStandard(header, SECRET, OLD_SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verifyStandard(header, OLD_SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verifyStandard(header, OTHER_SECRET, SECRET)).isEqualTo(SignatureVerification.VALID);
		// the current secret's signature is there only as v2
		assertThat(verifyStandard(header, SECRET)).isEqualTo(SignatureVerification.INVALID);
		String stripe = "t=" + TIMESTAMP + ",v1=" + stripeSignature(OTHER_SECRET) + ",v0=" + stripeSignature(SECRET)
				+ ", v1=" + stripeSignature(OLD_SECRET) + " ,v1=xyz";
		assertThat(verifyStripe(stripe, SECRET, OLD_SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verifyStripe(stripe, OTHER_SECRET)).isEqualTo(SignatureVerification.VALID);
		assertThat(verifyStripe(stripe, SECRET)).isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void manySignaturesAreAllRead() {
		StringBuilder header = new StringBuilder();
		for (int i = 0; i < 9; i++) {
			String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[] { (byte) i });
			header.append("v1,").append(standardSignature(secret)).append(' ');
		}
		header.append("v1,").append(standardSignature(SECRET));
		assertThat(verifyStandard(header.toString(), SECRET)).isEqualTo(SignatureVerification.VALID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "7", "1614265330", "+1614265330", "-1614265330", "0001614265330", "-0",
			"999999999999999999", "9999999999999999999", "9223372036854775807", "-9223372036854775808",
			"9223372036854775808", "\u0661\u0666\u0661\u0664", "", "+", "-", " 1", "1 ", "1e3", "0x10", "1.0",
			"12345678901234567a" })
	void timestampIsReadAsLongParseLongReadsIt(String timestamp) {
		Long expected;
		try {
			expected = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			expected = null;
		}
		assertThat(SignatureSupport.parseEpochSeconds(timestamp)).isEqualTo(expected);
	}

	private static SignatureVerification verifyGitHub(String signature) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Hub-Signature-256", signature);
		return new GitHubSignatureScheme().verify(headers, ReferenceHmac.utf8(BODY), List.of(Secret.of(SECRET)),
				SIGNED_AT, TOLERANCE);
	}

	private static SignatureVerification verifyShopify(String signature) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Shopify-Hmac-Sha256", signature);
		return new ShopifySignatureScheme().verify(headers, ReferenceHmac.utf8(BODY), List.of(Secret.of(SECRET)),
				SIGNED_AT, TOLERANCE);
	}

	private static SignatureVerification verifyStripe(String header, String... secrets) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Stripe-Signature", header);
		return new StripeSignatureScheme().verify(headers, ReferenceHmac.utf8(BODY),
				List.of(secrets).stream().map(Secret::of).toList(), SIGNED_AT, TOLERANCE);
	}

	private static SignatureVerification verifyStandard(String signatures, String... secrets) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("webhook-id", "msg_1");
		headers.set("webhook-timestamp", TIMESTAMP);
		headers.set("webhook-signature", signatures);
		return new StandardWebhooksSignatureScheme().verify(headers, ReferenceHmac.utf8(BODY),
				List.of(secrets).stream().map(Secret::of).toList(), SIGNED_AT, TOLERANCE);
	}

	private static String standardSignature(String secret) {
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		byte[] content = ReferenceHmac.utf8("msg_1." + TIMESTAMP + "." + BODY);
		return Base64.getEncoder().encodeToString(ReferenceHmac.compute("HmacSHA256", key, content));
	}

	private static String stripeSignature(String secret) {
		return ReferenceHmac.hex("HmacSHA256", secret, TIMESTAMP + "." + BODY);
	}

	private static String mixedCase(String hex) {
		StringBuilder mixed = new StringBuilder(hex);
		for (int i = 0; i < mixed.length(); i += 2) {
			mixed.setCharAt(i, Character.toUpperCase(mixed.charAt(i)));
		}
		return mixed.toString();
	}

}
