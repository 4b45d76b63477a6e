package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC written straight from the JCA, independent of the production code, to compute the
 * signatures that tests expect where no published example exists.
 *
 * @author Webhook Starter team
 */
final class ReferenceHmac {

	private ReferenceHmac() {
	}

	static byte[] compute(String algorithm, byte[] key, byte[] message) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key, algorithm));
			return mac.doFinal(message);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String hex(String algorithm, String secret, String message) {
		return HexFormat.of().formatHex(compute(algorithm, utf8(secret), utf8(message)));
	}

	static String base64(String algorithm, String secret, String message) {
		return Base64.getEncoder().encodeToString(compute(algorithm, utf8(secret), utf8(message)));
	}

	static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
