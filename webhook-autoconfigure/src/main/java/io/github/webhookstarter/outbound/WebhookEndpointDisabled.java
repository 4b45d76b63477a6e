package io.github.webhookstarter.outbound;

/**
 * Application event published when an endpoint is disabled because it answered
 * {@code 410 Gone} or failed every attempt for {@code webhook.outbound.disable-after}.
 *
 * @param endpoint the name of the endpoint
 * @param reason why it was disabled
 * @author Webhook Starter team
 */
public record WebhookEndpointDisabled(String endpoint, String reason) {

}
