package io.github.webhookstarter.outbound;

/**
 * Where the delivery of a message to one endpoint is.
 *
 * @author Webhook Starter team
 */
public enum DeliveryStatus {

	/** Waiting for its first attempt, or for a retry. */
	PENDING,

	/** Claimed by a worker that is sending it. */
	IN_FLIGHT,

	/** The endpoint answered with a 2xx status. */
	DELIVERED,

	/** Every attempt failed, or the endpoint answered 410 Gone; it can be retried by hand. */
	FAILED,

	/** Not to be delivered any more. */
	CANCELLED

}
