package io.github.webhookstarter.outbound;

/**
 * Publishes webhook events. Publishing an application event whose class is annotated with
 * {@link io.github.webhookstarter.WebhookEvent @WebhookEvent} does the same.
 * <p>
 * Endpoints subscribed to the event in the before phase are called at once; a cancel answer
 * throws {@link WebhookEventCancelledException}. Deliveries to endpoints subscribed in the
 * after phase are stored and sent asynchronously: after commit when a transaction is active,
 * and not at all if it rolls back.
 *
 * @author Webhook Starter team
 */
public interface WebhookPublisher {

	/**
	 * Publish an event.
	 * @param type the event type, such as {@code invoice.paid}
	 * @param payload the payload, serialized to JSON as the {@code data} of the webhook
	 * @return the message of the event
	 * @throws WebhookEventCancelledException if a before-phase endpoint cancelled the event
	 * @throws DeliveryStoreFullException if the store of deliveries is bounded and full; inside a
	 * transaction that the store does not join, it is thrown by the commit instead, once the
	 * transaction has committed without the webhook
	 */
	WebhookMessage publish(String type, Object payload);

}
