package io.github.webhookstarter.outbound;

/**
 * When an endpoint is called for an event.
 *
 * @author Webhook Starter team
 */
public enum EventPhase {

	/**
	 * Synchronously while the event is published, before other listeners; the endpoint may
	 * cancel the event.
	 */
	BEFORE,

	/**
	 * Asynchronously after the event is published (after commit, inside a transaction), at
	 * least once.
	 */
	AFTER

}
