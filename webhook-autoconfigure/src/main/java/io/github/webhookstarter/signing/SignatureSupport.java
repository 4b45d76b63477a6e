package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * What the schemes of this package have in common: computing, encoding and comparing HMAC
 * signatures, and checking signed timestamps.
 *
 * @author Webhook Starter team
 */
final class SignatureSupport {

	private static final HexFormat HEX = HexFormat.of();

	private SignatureSupport() {
	}

	/**
	 * Encode a signature for a header.
	 * @param encoding the encoding
	 * @param signature the signature bytes
	 * @return the encoded signature, lower case if hexadecimal
	 */
	static String encode(SignatureEncoding encoding, byte[] signature) {
		return switch (encoding) {
			case HEX -> HEX.formatHex(signature);
			case BASE64 -> Base64.getEncoder().encodeToString(signature);
		};
	}

	/**
	 * Decode a signature received in a header.
	 * @param encoding the encoding
	 * @param signature the encoded signature, hexadecimal in either case or standard base64
	 * @return the signature bytes, or {@code null} if the signature is not so encoded
	 */
	static byte @Nullable [] decode(SignatureEncoding encoding, String signature) {
		try {
			return switch (encoding) {
				case HEX -> HEX.parseHex(signature);
				case BASE64 -> Base64.getDecoder().decode(signature);
			};
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Return whether the characters between two indexes of a header value are the encoding of
	 * a signature, in constant time: the time taken depends on the length of the signature only,
	 * never on how much of a forged one is right. The encoding is computed with arithmetic
	 * rather than looked up in a table, so that the memory accessed does not depend on the
	 * expected signature either.
	 * @param encoding the encoding, hexadecimal in lower case or standard base64 with padding
	 * @param signature the signature bytes
	 * @param value the header value
	 * @param start the index of the first character of the encoded signature
	 * @param end the index after its last character
	 * @return whether the characters are the encoding of the signature
	 */
	static boolean isEncodingOf(SignatureEncoding encoding, byte[] signature, String value, int start, int end) {
		return switch (encoding) {
			case HEX -> isHexOf(signature, value, start, end);
			case BASE64 -> isBase64Of(signature, value, start, end);
		};
	}

	private static boolean isHexOf(byte[] signature, String value, int start, int end) {
		if (end - start != 2 * signature.length) {
			return false;
		}
		int difference = 0;
		for (int i = 0, j = start; i < signature.length; i++, j += 2) {
			difference |= (value.charAt(j) ^ hexDigit((signature[i] >> 4) & 0xF))
					| (value.charAt(j + 1) ^ hexDigit(signature[i] & 0xF));
		}
		return difference == 0;
	}

	private static int hexDigit(int nibble) {
		// '0' + nibble, plus the gap to 'a' when nibble > 9: the sign bit of 9 - nibble says so
		return '0' + nibble + (((9 - nibble) >> 31) & ('a' - '0' - 10));
	}

	private static boolean isBase64Of(byte[] signature, String value, int start, int end) {
		if (end - start != 4 * ((signature.length + 2) / 3)) {
			return false;
		}
		int difference = 0;
		int i = 0;
		int j = start;
		for (; i + 3 <= signature.length; i += 3, j += 4) {
			int bits = ((signature[i] & 0xFF) << 16) | ((signature[i + 1] & 0xFF) << 8) | (signature[i + 2] & 0xFF);
			difference |= (value.charAt(j) ^ base64Digit(bits >>> 18))
					| (value.charAt(j + 1) ^ base64Digit((bits >>> 12) & 0x3F))
					| (value.charAt(j + 2) ^ base64Digit((bits >>> 6) & 0x3F))
					| (value.charAt(j + 3) ^ base64Digit(bits & 0x3F));
		}
		int remaining = signature.length - i;
		if (remaining > 0) {
			// one or two bytes left: two or three digits, then padding
			int bits = ((signature[i] & 0xFF) << 16) | ((remaining == 2) ? (signature[i + 1] & 0xFF) << 8 : 0);
			int third = (remaining == 2) ? base64Digit((bits >>> 6) & 0x3F) : '=';
			difference |= (value.charAt(j) ^ base64Digit(bits >>> 18))
					| (value.charAt(j + 1) ^ base64Digit((bits >>> 12) & 0x3F)) | (value.charAt(j + 2) ^ third)
					| (value.charAt(j + 3) ^ '=');
		}
		return difference == 0;
	}

	private static int base64Digit(int sixBits) {
		// 'A' + sixBits, plus the gap to the next range once sixBits is past the end of one
		int digit = 'A' + sixBits;
		digit += ((25 - sixBits) >> 31) & ('a' - 'A' - 26);
		digit += ((51 - sixBits) >> 31) & ('0' - 'a' - 26);
		digit += ((61 - sixBits) >> 31) & ('+' - '0' - 10);
		digit += ((62 - sixBits) >> 31) & ('/' - '+' - 1);
		return digit;
	}

	/**
	 * Parse a timestamp received as unix seconds.
	 * @param timestamp the received timestamp
	 * @return the epoch seconds, or {@code null} if the timestamp is not a number
	 */
	static @Nullable Long parseEpochSeconds(String timestamp) {
		try {
			return Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Check that a signed timestamp, in whole seconds, is within tolerance of now, in either
	 * direction. Schemes check it before they compute any HMAC, so that a stale or replayed
	 * request costs no hashing of its body.
	 * @param signedAt the signed timestamp in epoch seconds
	 * @param now the current time
	 * @param tolerance the largest difference allowed
	 * @return {@link SignatureVerification#VALID} or
	 * {@link SignatureVerification#TIMESTAMP_OUT_OF_TOLERANCE}
	 */
	static SignatureVerification checkTimestamp(long signedAt, Instant now, Duration tolerance) {
		try {
			long skew = Math.absExact(Math.subtractExact(signedAt, now.getEpochSecond()));
			// the skew is in whole seconds: within the tolerance if within its whole seconds
			return (skew <= tolerance.getSeconds()) ? SignatureVerification.VALID
					: SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE;
		}
		catch (ArithmeticException ex) {
			// only a timestamp absurdly far from now overflows
			return SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE;
		}
	}

	/**
	 * Return the UTF-8 bytes of a string.
	 * @param value the string
	 * @return its UTF-8 bytes
	 */
	static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
