package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A shared signing secret. Its value never appears in {@link #toString()}, so that it cannot
 * reach logs, actuator output or exception messages by accident.
 *
 * @author Webhook Starter team
 */
public final class Secret {

	private static final String STANDARD_WEBHOOKS_PREFIX = "whsec_";

	private final String value;

	// prepared on first use, for the HMAC algorithm last asked for: a secret serves one scheme
	private volatile @Nullable HmacKey utf8Key;

	private volatile @Nullable HmacKey standardWebhooksHmacKey;

	private Secret(String value) {
		this.value = value;
	}

	/**
	 * Create a secret from its configured value.
	 * @param value the secret, not empty
	 * @return the secret
	 */
	public static Secret of(String value) {
		Assert.hasLength(value, "Secret must not be empty");
		return new Secret(value);
	}

	/**
	 * Return the secret as the UTF-8 bytes of its value, as most schemes use it.
	 * @return the key bytes
	 */
	public byte[] utf8Bytes() {
		return this.value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the key as Standard Webhooks defines it: the base64 decoding of the value after
	 * its {@code whsec_} prefix (the prefix is optional).
	 * @return the key bytes
	 * @throws IllegalArgumentException if the value is not base64
	 */
	public byte[] standardWebhooksKey() {
		String encoded = this.value.startsWith(STANDARD_WEBHOOKS_PREFIX)
				? this.value.substring(STANDARD_WEBHOOKS_PREFIX.length()) : this.value;
		try {
			return Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			// the message of the cause would quote the secret
			throw new IllegalArgumentException(
					"Standard Webhooks secret is not base64 (expected 'whsec_' followed by base64)");
		}
	}

	/**
	 * Return the key of the given HMAC algorithm made of the {@linkplain #utf8Bytes() UTF-8
	 * bytes} of the value, prepared once and kept.
	 * @param algorithm the JCA name of the HMAC algorithm
	 * @return the prepared key
	 */
	HmacKey utf8Key(String algorithm) {
		HmacKey key = this.utf8Key;
		if (key == null || !key.algorithm().equals(algorithm)) {
			// a race prepares the same key twice at worst
			key = new HmacKey(algorithm, utf8Bytes());
			this.utf8Key = key;
		}
		return key;
	}

	/**
	 * Return the HMAC-SHA256 key of the {@linkplain #standardWebhooksKey() Standard Webhooks key
	 * bytes}, prepared once and kept.
	 * @return the prepared key
	 * @throws IllegalArgumentException if the value is not base64
	 */
	HmacKey standardWebhooksHmacKey() {
		HmacKey key = this.standardWebhooksHmacKey;
		if (key == null) {
			key = new HmacKey("HmacSHA256", standardWebhooksKey());
			this.standardWebhooksHmacKey = key;
		}
		return key;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof Secret secret) && MessageDigest.isEqual(utf8Bytes(), secret.utf8Bytes());
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return "******";
	}

}
