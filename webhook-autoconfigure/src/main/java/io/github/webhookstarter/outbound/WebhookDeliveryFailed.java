package io.github.webhookstarter.outbound;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Application event published when an attempt to deliver a webhook to an endpoint failed.
 *
 * @param endpoint the name of the endpoint
 * @param eventType the event type of the message
 * @param messageId the id of the message
 * @param attempt the failed attempt
 * @param nextAttemptAt when it is retried, or {@code null} if it is not
 * @author Webhook Starter team
 */
public record WebhookDeliveryFailed(String endpoint, String eventType, String messageId, DeliveryAttempt attempt,
		@Nullable Instant nextAttemptAt) {

}
