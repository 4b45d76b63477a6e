package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * A header of {@code key=value} entries carrying a unix timestamp and one or more hexadecimal
 * HMAC-SHA256 signatures of the timestamp, a separator and the body, keyed with the UTF-8
 * encoding of the secret, as Stripe ({@code t=…,v1=…}) and Paddle ({@code ts=…;h1=…}) send it.
 * Signing adds a signature for every secret, in the order of the secrets or the reverse;
 * verifying accepts any of them and ignores entries of other keys, such as other signature
 * versions, and signatures that are not hexadecimal.
 *
 * @author Webhook Starter team
 */
final class TimestampedSignatureHeader implements SignatureFormat {

	private final String header;

	// looked up in lower case, as HttpHeaders keeps names: no conversion per lookup
	private final String headerKey;

	private final char entrySeparator;

	private final String timestampKey;

	private final String signatureKey;

	private final String contentSeparator;

	private final boolean newestLast;

	/**
	 * Create a new instance.
	 * @param header the header name
	 * @param entrySeparator the character between entries
	 * @param timestampKey the key of the timestamp entry
	 * @param signatureKey the key of the signature entries
	 * @param contentSeparator the text between the timestamp and the body in the signed content
	 * @param newestLast whether the signature of the newest secret comes last rather than first,
	 * for receivers that check only the last signature
	 */
	TimestampedSignatureHeader(String header, char entrySeparator, String timestampKey, String signatureKey,
			String contentSeparator, boolean newestLast) {
		this.header = header;
		this.headerKey = SignatureSupport.lookupName(header);
		this.entrySeparator = entrySeparator;
		this.timestampKey = timestampKey;
		this.signatureKey = signatureKey;
		this.contentSeparator = contentSeparator;
		this.newestLast = newestLast;
	}

	@Override
	public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
		String timestamp = Long.toString(content.timestamp().getEpochSecond());
		StringBuilder value = new StringBuilder(this.timestampKey).append('=').append(timestamp);
		List<Secret> ordered = secrets;
		if (this.newestLast) {
			ordered = new ArrayList<>(secrets);
			Collections.reverse(ordered);
		}
		for (Secret secret : ordered) {
			value.append(this.entrySeparator)
				.append(this.signatureKey)
				.append('=')
				.append(SignatureSupport.encode(SignatureEncoding.HEX, signature(secret, timestamp, content.body())));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(this.header, value.toString());
		return headers;
	}

	@Override
	public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
			Duration tolerance) {
		String value = headers.getFirst(this.headerKey);
		if (value == null) {
			return SignatureVerification.MISSING;
		}
		String timestamp = null;
		ReceivedSignatures signatures = new ReceivedSignatures(value, SignatureEncoding.HEX);
		int start = 0;
		while (start < value.length()) {
			int end = value.indexOf(this.entrySeparator, start);
			if (end == -1) {
				end = value.length();
			}
			// each entry is trimmed as String.trim() does
			int keyStart = skipWhitespace(value, start, end);
			int valueEnd = trimWhitespace(value, keyStart, end);
			int equals = value.indexOf('=', keyStart);
			// an entry without '=' has no key, so it is ignored like an unknown one
			if (equals != -1 && equals < valueEnd) {
				if (timestamp == null && isKey(value, keyStart, equals, this.timestampKey)) {
					timestamp = value.substring(equals + 1, valueEnd);
				}
				else if (isKey(value, keyStart, equals, this.signatureKey)) {
					signatures.add(equals + 1, valueEnd);
				}
			}
			start = end + 1;
		}
		Long signedAt = (timestamp != null) ? SignatureSupport.parseEpochSeconds(timestamp) : null;
		if (timestamp == null || signedAt == null) {
			return SignatureVerification.INVALID;
		}
		// before any hashing: a stale or replayed request costs no HMAC of its body
		SignatureVerification timely = SignatureSupport.checkTimestamp(signedAt, now, tolerance);
		if (timely != SignatureVerification.VALID) {
			return timely;
		}
		String signedTimestamp = timestamp;
		return signatures.madeWithAny(secrets, (secret) -> signature(secret, signedTimestamp, body))
				? SignatureVerification.VALID : SignatureVerification.INVALID;
	}

	private static boolean isKey(String value, int start, int end, String key) {
		return end - start == key.length() && value.startsWith(key, start);
	}

	private static int skipWhitespace(String value, int start, int end) {
		int index = start;
		while (index < end && value.charAt(index) <= ' ') {
			index++;
		}
		return index;
	}

	private static int trimWhitespace(String value, int start, int end) {
		int index = end;
		while (index > start && value.charAt(index - 1) <= ' ') {
			index--;
		}
		return index;
	}

	private byte[] signature(Secret secret, String timestamp, byte[] body) {
		return secret.utf8Key("HmacSHA256").hmac(SignatureSupport.utf8(timestamp + this.contentSeparator), body);
	}

}
