package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

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
