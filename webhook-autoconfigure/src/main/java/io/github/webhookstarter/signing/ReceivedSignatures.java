package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The encoded signatures of a received header, kept as ranges of the header value: they are
 * compared with the expected signature's encoding where they are, rather than each decoded
 * into a new array first.
 * <p>
 * A received signature matches when it is the expected signature's encoding, compared in
 * constant time; the expected signature is encoded once for all of them. Other encodings of the
 * same bytes that the decoders accept, such as upper case hexadecimal or base64 without
 * padding, are decoded and compared only when that fails, so that the signatures accepted are
 * exactly those that decode to the expected bytes.
 *
 * @author Webhook Starter team
 */
final class ReceivedSignatures {

	private final String value;

	// the value as ISO-8859-1, in which every encoding is written: any other character becomes
	// '?', which no encoding has, so that it cannot match
	private final byte[] bytes;

	private final SignatureEncoding encoding;

	// start and end of each signature, in pairs: most headers carry one or two
	private int[] ranges = new int[4];

	private int size;

	/**
	 * Create an empty instance.
	 * @param value the header value that holds the signatures
	 * @param encoding how the signatures are encoded
	 */
	ReceivedSignatures(String value, SignatureEncoding encoding) {
		this.value = value;
		this.bytes = value.getBytes(StandardCharsets.ISO_8859_1);
		this.encoding = encoding;
	}

	/**
	 * Add the signature found between two indexes of the header value.
	 * @param start the index of its first character
	 * @param end the index after its last character
	 */
	void add(int start, int end) {
		if (this.size == this.ranges.length) {
			this.ranges = Arrays.copyOf(this.ranges, 2 * this.size);
		}
		this.ranges[this.size++] = start;
		this.ranges[this.size++] = end;
	}

	/**
	 * Return whether any of the signatures is the one that any of the secrets gives. With no
	 * signature to compare with, no HMAC is computed.
	 * @param secrets the secrets any of which may have signed
	 * @param signer computes the expected signature for a secret
	 * @return whether a signature matches
	 */
	boolean madeWithAny(List<Secret> secrets, Function<Secret, byte[]> signer) {
		if (this.size == 0) {
			return false;
		}
		for (Secret secret : secrets) {
			if (contain(signer.apply(secret))) {
				return true;
			}
		}
		return false;
	}

	private boolean contain(byte[] expected) {
		byte[] encoded = SignatureSupport.encodeToBytes(this.encoding, expected);
		for (int i = 0; i < this.size; i += 2) {
			if (SignatureSupport.isEqual(encoded, this.bytes, this.ranges[i], this.ranges[i + 1])) {
				return true;
			}
		}
		for (int i = 0; i < this.size; i += 2) {
			byte[] decoded = SignatureSupport.decode(this.encoding,
					this.value.substring(this.ranges[i], this.ranges[i + 1]));
			if (decoded != null && MessageDigest.isEqual(expected, decoded)) {
				return true;
			}
		}
		return false;
	}

}
