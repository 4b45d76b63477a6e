package io.github.webhookstarter.outbound;

/**
 * Application event published when a webhook was delivered to an endpoint.
 *
 * @param endpoint the name of the endpoint
 * @param eventType the event type of the message
 * @param messageId the id of the message
 * @param attempt the successful attempt
 * @author Webhook Starter team
 */
public record WebhookDeliverySucceeded(String endpoint, String eventType, String messageId, DeliveryAttempt attempt) {

}
