package io.github.webhookstarter.inbound;

/**
 * Thrown by an {@link InboundStore} that is bounded when it cannot take another call, as
 * every call it holds still matters: pending, in flight, or failed and awaiting a replay. The
 * webhook endpoint answers such a call {@code 503 Service Unavailable} with a
 * {@code Retry-After} header, for the sender to try again once calls have been processed.
 *
 * @author Webhook Starter team
 */
public final class InboundStoreFullException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message why the call was refused and how to make room
	 */
	public InboundStoreFullException(String message) {
		super(message);
	}

}
