package io.github.webhookstarter.subscription;

/**
 * Encodes the secrets of subscriptions before a {@link SubscriptionStore} writes them and
 * decodes them after it reads them, so that an application can encrypt them at rest, for
 * example with a key from its own key management service. The default stores them as given.
 * <p>
 * A codec must decode whatever it encoded, including values it encoded before a restart.
 *
 * @author Webhook Starter team
 */
public interface SecretCodec {

	/**
	 * A codec that stores secrets as given.
	 */
	SecretCodec NONE = new SecretCodec() {

		@Override
		public String encode(String secret) {
			return secret;
		}

		@Override
		public String decode(String stored) {
			return stored;
		}

	};

	/**
	 * Encode a secret to store it.
	 * @param secret the secret
	 * @return what is stored
	 */
	String encode(String secret);

	/**
	 * Decode a stored secret.
	 * @param stored what was stored
	 * @return the secret
	 */
	String decode(String stored);

}
