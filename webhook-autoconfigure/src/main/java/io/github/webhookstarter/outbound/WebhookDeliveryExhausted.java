package io.github.webhookstarter.outbound;

/**
 * Application event published when a webhook could not be delivered to an endpoint and will
 * not be retried: its delivery is failed, a dead letter that can be retried by hand.
 *
 * @param endpoint the name of the endpoint
 * @param eventType the event type of the message
 * @param messageId the id of the message
 * @param deliveryId the id of the failed delivery
 * @param attempts how many attempts were made
 * @author Webhook Starter team
 */
public record WebhookDeliveryExhausted(String endpoint, String eventType, String messageId, String deliveryId,
		int attempts) {

}
