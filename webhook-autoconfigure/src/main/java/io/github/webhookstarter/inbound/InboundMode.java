package io.github.webhookstarter.inbound;

/**
 * How received webhooks are dispatched to their listeners.
 *
 * @author Webhook Starter team
 */
public enum InboundMode {

	/**
	 * Store the webhook, answer {@code 202 Accepted}, then dispatch it to listeners, retrying
	 * failures.
	 */
	ASYNC,

	/**
	 * Dispatch the webhook to listeners, then answer {@code 200 OK}, or {@code 500} if a
	 * listener failed.
	 */
	SYNC

}
