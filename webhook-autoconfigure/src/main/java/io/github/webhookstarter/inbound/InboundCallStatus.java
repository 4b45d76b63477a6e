package io.github.webhookstarter.inbound;

/**
 * Where a stored inbound call is in its dispatch.
 *
 * @author Webhook Starter team
 */
public enum InboundCallStatus {

	/** Waiting to be dispatched, for the first time or again after a failure. */
	PENDING,

	/** Claimed by a worker that is running its listeners. */
	IN_FLIGHT,

	/** Its listeners all succeeded. */
	PROCESSED,

	/** Its listeners kept failing until the retries were exhausted; it can be replayed. */
	FAILED

}
