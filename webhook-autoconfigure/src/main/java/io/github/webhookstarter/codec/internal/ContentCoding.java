package io.github.webhookstarter.codec.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A content coding that {@link ContentDecoder} decodes.
 *
 * @author Webhook Starter team
 */
public enum ContentCoding {

	/** No coding. */
	IDENTITY("identity"),

	/** {@code gzip} (or {@code x-gzip}), concatenated members included. */
	GZIP("gzip"),

	/** {@code deflate}, both zlib-wrapped (RFC 1950) and raw (RFC 1951). */
	DEFLATE("deflate"),

	/** {@code br}, which needs Brotli4j and its native library. */
	BR("brotli");

	private final String displayName;

	ContentCoding(String displayName) {
		this.displayName = displayName;
	}

	/**
	 * Return the name of this coding in messages.
	 * @return the display name
	 */
	public String displayName() {
		return this.displayName;
	}

	/**
	 * Return the coding that a {@code Content-Encoding} token names, ignoring case.
	 * @param token a single content coding, trimmed
	 * @return the coding, or {@code null} if it is not one of these
	 */
	public static @Nullable ContentCoding forToken(String token) {
		return switch (token.toLowerCase(Locale.ROOT)) {
			case "identity" -> IDENTITY;
			case "gzip", "x-gzip" -> GZIP;
			case "deflate" -> DEFLATE;
			case "br" -> BR;
			default -> null;
		};
	}

}
