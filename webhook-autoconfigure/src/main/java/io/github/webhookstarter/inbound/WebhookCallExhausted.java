package io.github.webhookstarter.inbound;

/**
 * Application event published when a stored webhook call has failed for the last time: its
 * retries are exhausted, or its payload cannot be converted. The call is kept as failed and can
 * be replayed.
 *
 * @param callId the id under which the call is stored
 * @param source the name of the source it arrived at
 * @param eventType its event type
 * @param attempts how many times its listeners ran
 * @param lastError what failed the last time
 * @author Webhook Starter team
 */
public record WebhookCallExhausted(String callId, String source, String eventType, int attempts, String lastError) {

}
