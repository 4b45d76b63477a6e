package io.github.webhookstarter.outbound;

/**
 * A delivery claimed by a worker, with its message.
 *
 * @param delivery the delivery, in flight, its attempts counting the one about to start
 * @param message the message to deliver
 * @author Webhook Starter team
 */
public record ClaimedDelivery(Delivery delivery, WebhookMessage message) {

}
