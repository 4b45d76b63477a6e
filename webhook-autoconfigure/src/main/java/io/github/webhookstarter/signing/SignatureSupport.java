package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the schemes of this package have in common: computing, encoding and comparing HMAC
 * signatures, and checking signed timestamps.
 *
 * @author Webhook Starter team
 */
final class SignatureSupport {

	private static final HexFormat HEX = HexFormat.of();

	private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
	 * Encode a signature as the ASCII bytes of its encoding, as {@link #encode} writes it.
	 * @param encoding the encoding
	 * @param signature the signature bytes
	 * @return the encoded signature
	 */
	static byte[] encodeToBytes(SignatureEncoding encoding, byte[] signature) {
		return switch (encoding) {
			case HEX -> {
				byte[] encoded = new byte[2 * signature.length];
				for (int i = 0; i < signature.length; i++) {
					encoded[2 * i] = HEX_DIGITS[(signature[i] >> 4) & 0xF];
					encoded[2 * i + 1] = HEX_DIGITS[signature[i] & 0xF];
				}
				yield encoded;
			}
			case BASE64 -> Base64.getEncoder().encode(signature);
		};
	}

	/**
	 * Return whether the bytes between two indexes of an array are the expected ones, in
	 * constant time as {@link java.security.MessageDigest#isEqual} compares: the time taken
	 * depends on the length expected only, never on how much of a forged signature is right.
	 * @param expected the expected bytes
	 * @param value the array
	 * @param start the index of the first byte to compare
	 * @param end the index after the last
	 * @return whether the bytes are the expected ones
	 */
	static boolean isEqual(byte[] expected, byte[] value, int start, int end) {
		if (end - start != expected.length) {
			return false;
		}
		int difference = 0;
		for (int i = 0; i < expected.length; i++) {
			difference |= expected[i] ^ value[start + i];
		}
		return difference == 0;
	}

	/**
	 * Parse a timestamp received as unix seconds.
	 * @param timestamp the received timestamp
	 * @return the epoch seconds, or {@code null} if the timestamp is not a number
	 */
	static @Nullable Long parseEpochSeconds(String timestamp) {
		// the ASCII digits of a timestamp, without the per-character lookups of Long.parseLong;
		// 18 digits cannot overflow
		int length = timestamp.length();
		if (length > 0 && length <= 18) {
			long seconds = 0;
			int i = 0;
			while (i < length && timestamp.charAt(i) >= '0' && timestamp.charAt(i) <= '9') {
				seconds = seconds * 10 + (timestamp.charAt(i++) - '0');
			}
			if (i == length) {
				return seconds;
			}
		}
		try {
			// anything else as Long.parseLong reads it: a sign, other digits, or too long
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
	 * Return the name under which to look a header up: its lower case, in which
	 * {@code HttpHeaders} keeps names, so that a lookup converts none. Names are looked up
	 * regardless of case in any {@code HttpHeaders}.
	 * @param name the header name
	 * @return the name in lower case
	 */
	static String lookupName(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * Return the concatenation of two byte arrays.
	 * @param first the first array
	 * @param second the second array
	 * @return a new array of the bytes of both
	 */
	static byte[] concat(byte[] first, byte[] second) {
		byte[] result = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, result, first.length, second.length);
		return result;
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
