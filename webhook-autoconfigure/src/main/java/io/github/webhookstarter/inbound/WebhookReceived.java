package io.github.webhookstarter.inbound;

import org.jspecify.annotations.Nullable;

/**
 * Application event published when a webhook call has passed every check of the endpoint: once
 * it is stored for dispatch (asynchronous mode), or before its listeners run (synchronous
 * mode). Duplicates are not received again.
 *
 * @param callId the id under which the call is stored
 * @param source the name of the source it arrived at
 * @param eventType its event type
 * @param webhookId the sender's id of the webhook, or {@code null}
 * @param hasListeners whether any listener listens to it
 * @author Webhook Starter team
 */
public record WebhookReceived(String callId, String source, String eventType, @Nullable String webhookId,
		boolean hasListeners) {

}
