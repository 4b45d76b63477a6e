package io.github.webhookstarter.outbound;

/**
 * Thrown by a {@link DeliveryStore} that is bounded when it cannot take the deliveries of
 * another message, as every delivery it holds still matters: pending, in flight, or failed
 * and awaiting a retry. Nothing of the message is stored.
 *
 * @author Webhook Starter team
 */
public final class DeliveryStoreFullException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message why the message was refused and how to make room
	 */
	public DeliveryStoreFullException(String message) {
		super(message);
	}

}
