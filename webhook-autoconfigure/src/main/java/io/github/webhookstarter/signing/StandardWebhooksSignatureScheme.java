package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;

/**
 * The <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> signature: the
 * {@code webhook-id}, {@code webhook-timestamp} (unix seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">} headers, keyed with
 * the base64 decoding of the {@code whsec_} secret ({@link Secret#standardWebhooksKey()}). The
 * signature header holds space-separated signatures: signing adds one for every secret, and
 * verifying accepts any {@code v1} signature and ignores those of other versions.
 *
 * @author Webhook Starter team
 */
public final class StandardWebhooksSignatureScheme implements SignatureScheme {

	private static final String ID_HEADER = "webhook-id";

	private static final String TIMESTAMP_HEADER = "webhook-timestamp";

	private static final String SIGNATURE_HEADER = "webhook-signature";

	private static final String VERSION_PREFIX = "v1,";

	private static final byte[] SEPARATOR = { '.' };

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
		List<String> signatures = new ArrayList<>();
		for (Secret secret : secrets) {
			byte[] signature = signature(secret, content.id(), timestamp, content.body());
			signatures.add(VERSION_PREFIX + SignatureSupport.encode(SignatureEncoding.BASE64, signature));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(ID_HEADER, content.id());
		headers.set(TIMESTAMP_HEADER, timestamp);
		headers.set(SIGNATURE_HEADER, String.join(" ", signatures));
		return headers;
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException if a secret is not base64
	 */
	@Override
	public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
			Duration tolerance) {
		String id = headers.getFirst(ID_HEADER);
		String timestamp = headers.getFirst(TIMESTAMP_HEADER);
		String value = headers.getFirst(SIGNATURE_HEADER);
		if (id == null || timestamp == null || value == null) {
			return SignatureVerification.MISSING;
		}
		Long signedAt = SignatureSupport.parseEpochSeconds(timestamp);
		if (signedAt == null) {
			return SignatureVerification.INVALID;
		}
		List<byte[]> signatures = new ArrayList<>();
		for (String entry : StringUtils.tokenizeToStringArray(value, " ")) {
			byte[] signature = entry.startsWith(VERSION_PREFIX)
					? SignatureSupport.decode(SignatureEncoding.BASE64, entry.substring(VERSION_PREFIX.length()))
					: null;
			if (signature != null) {
				signatures.add(signature);
			}
		}
		if (!SignatureSupport.matchesAny(signatures, secrets, (secret) -> signature(secret, id, timestamp, body))) {
			return SignatureVerification.INVALID;
		}
		return SignatureSupport.checkTimestamp(signedAt, now, tolerance);
	}

	private static byte[] signature(Secret secret, String id, String timestamp, byte[] body) {
		return SignatureSupport.hmac("HmacSHA256", secret.standardWebhooksKey(), SignatureSupport.utf8(id),
				SEPARATOR, SignatureSupport.utf8(timestamp), SEPARATOR, body);
	}

	@Override
	public String defaultIdLocation() {
		return "header:" + ID_HEADER;
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
		return Set.of(TIMESTAMP_HEADER);
	}

}
