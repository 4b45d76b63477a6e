package io.github.webhookstarter.outbound;

/**
 * What happens to an event when a before-phase endpoint fails, times out or cannot be
 * reached.
 *
 * @author Webhook Starter team
 */
public enum BeforePhaseFailure {

	/**
	 * Log the failure and go on with the event.
	 */
	PROCEED,

	/**
	 * Cancel the event with a {@link WebhookEventCancelledException}.
	 */
	CANCEL

}
