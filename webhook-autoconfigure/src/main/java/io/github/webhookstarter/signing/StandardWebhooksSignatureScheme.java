package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;

/**
 * The <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> signature: the
 * {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">} headers, keyed with
 * the base64 decoding of the {@code whsec_} secret ({@link Secret#standardWebhooksKey()}). The
 * signature header holds space-separated signatures: signing adds one for every secret, and
 * verifying accepts any {@code v1} signature and ignores those of other versions.
 * <p>
 * Verifying also reads Svix's default names for the same headers, {@code svix-id},
 * {@code svix-timestamp} and {@code svix-signature}, which Svix's own libraries accept as well:
 * a call without {@code webhook-id} is read with these. Signing sends the {@code webhook-*}
 * names.
 *
 * @author Webhook Starter team
 */
public final class StandardWebhooksSignatureScheme implements SignatureScheme {

	private static final HeaderNames STANDARD_HEADERS = new HeaderNames("webhook-id", "webhook-timestamp",
			"webhook-signature");

	private static final HeaderNames SVIX_HEADERS = new HeaderNames("svix-id", "svix-timestamp", "svix-signature");

	private static final String VERSION_PREFIX = "v1,";

	@Override
	public String name() {
		return "standard";
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException if a secret is not base64
	 */
	@Override
	public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
		String timestamp = Long.toString(content.timestamp().getEpochSecond());
		StringBuilder signatures = new StringBuilder(48 * secrets.size());
		for (Secret secret : secrets) {
			byte[] signature = signature(secret, content.id(), timestamp, content.body());
			if (!signatures.isEmpty()) {
				signatures.append(' ');
			}
			signatures.append(VERSION_PREFIX).append(SignatureSupport.encode(SignatureEncoding.BASE64, signature));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(STANDARD_HEADERS.id(), content.id());
		headers.set(STANDARD_HEADERS.timestamp(), timestamp);
		headers.set(STANDARD_HEADERS.signature(), signatures.toString());
		return headers;
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException if a secret is not base64
	 */
	@Override
	public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
			Duration tolerance) {
		// chosen by the id header alone, as defaultIdLocation() reads it: the id that detects
		// duplicates is then always the id that the signature covers, never one added beside it
		String standardId = headers.getFirst(STANDARD_HEADERS.id());
		HeaderNames names = (standardId != null) ? STANDARD_HEADERS : SVIX_HEADERS;
		String id = (standardId != null) ? standardId : headers.getFirst(names.id());
		String timestamp = headers.getFirst(names.timestamp());
		String value = headers.getFirst(names.signature());
		if (id == null || timestamp == null || value == null) {
			return SignatureVerification.MISSING;
		}
		Long signedAt = SignatureSupport.parseEpochSeconds(timestamp);
		if (signedAt == null) {
			return SignatureVerification.INVALID;
		}
		// before any hashing: a stale or replayed request costs no HMAC of its body
		SignatureVerification timely = SignatureSupport.checkTimestamp(signedAt, now, tolerance);
		if (timely != SignatureVerification.VALID) {
			return timely;
		}
		return signatures(value).madeWithAny(secrets, (secret) -> signature(secret, id, timestamp, body))
				? SignatureVerification.VALID : SignatureVerification.INVALID;
	}

	/**
	 * Find the {@code v1} signatures of a space-separated header value, skipping those of other
	 * versions.
	 */
	private static ReceivedSignatures signatures(String value) {
		ReceivedSignatures signatures = new ReceivedSignatures(value, SignatureEncoding.BASE64);
		int start = 0;
		while (start < value.length()) {
			int end = value.indexOf(' ', start);
			if (end == -1) {
				end = value.length();
			}
			if (value.startsWith(VERSION_PREFIX, start)) {
				signatures.add(start + VERSION_PREFIX.length(), end);
			}
			start = end + 1;
		}
		return signatures;
	}

	private static byte[] signature(Secret secret, String id, String timestamp, byte[] body) {
		// one update for everything before the body rather than four
		return secret.standardWebhooksHmacKey().hmac(SignatureSupport.utf8(id + '.' + timestamp + '.'), body);
	}

	@Override
	public String defaultIdLocation() {
		return "header:" + STANDARD_HEADERS.id() + "," + SVIX_HEADERS.id();
	}

	@Override
	public String defaultEventTypeLocation() {
		return "json:/type";
	}

	@Override
	public String defaultPayloadLocation() {
		return "json:/data";
	}

	@Override
	public Set<String> storedHeaders() {
		return Set.of(STANDARD_HEADERS.timestamp(), SVIX_HEADERS.timestamp());
	}

	private record HeaderNames(String id, String timestamp, String signature) {
	}

}
