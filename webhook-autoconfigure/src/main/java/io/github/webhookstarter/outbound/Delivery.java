package io.github.webhookstarter.outbound;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The delivery of a message to one endpoint.
 *
 * @param id the id of the delivery
 * @param messageId the id of the message
 * @param endpoint the name of the endpoint
 * @param status where the delivery is
 * @param attempts how many attempts were started
 * @param dueAt when the next attempt is due, or the lease of an in-flight delivery ends
 * @param createdAt when the delivery was created
 * @param lastError what went wrong in the last attempt, or {@code null}
 * @author Webhook Starter team
 */
public record Delivery(String id, String messageId, String endpoint, DeliveryStatus status, int attempts,
		@Nullable Instant dueAt, Instant createdAt, @Nullable String lastError) {

}
