package io.github.webhookstarter.inbound;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Application event published when a listener of a webhook call failed.
 *
 * @param callId the id under which the call is stored
 * @param source the name of the source it arrived at
 * @param eventType its event type
 * @param listener the id of the listener that failed
 * @param error what the listener threw
 * @param attempt the number of the attempt that failed, from 1
 * @param nextAttemptAt when the listener runs again, or {@code null} if it does not (the
 * retries are exhausted, the failure is permanent, or the call was synchronous and its sender
 * retries it)
 * @author Webhook Starter team
 */
public record WebhookListenerFailed(String callId, String source, String eventType, String listener, Throwable error,
		int attempt, @Nullable Instant nextAttemptAt) {

}
