package io.github.webhookstarter.outbound;

/**
 * Body of emitted webhooks.
 *
 * @author Webhook Starter team
 */
public enum Envelope {

	/**
	 * The Standard Webhooks envelope: {@code {"type", "timestamp", "data"}}.
	 */
	STANDARD,

	/**
	 * The payload alone.
	 */
	RAW

}
