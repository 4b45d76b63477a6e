package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

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
	 * Return whether any of the received signatures is the one that any of the secrets gives.
	 * Signatures are compared in constant time, so that the time taken does not reveal how
	 * much of a forged signature is right.
	 * @param received the received signatures
	 * @param secrets the secrets any of which may have signed
	 * @param signer computes the expected signature for a secret
	 * @return whether a signature matches
	 */
	static boolean matchesAny(List<byte[]> received, List<Secret> secrets, Function<Secret, byte[]> signer) {
		if (received.isEmpty()) {
			// nothing to compare with: no HMAC to compute
			return false;
		}
		for (Secret secret : secrets) {
			byte[] expected = signer.apply(secret);
			for (byte[] signature : received) {
				if (MessageDigest.isEqual(expected, signature)) {
					return true;
				}
			}
		}
		return false;
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
