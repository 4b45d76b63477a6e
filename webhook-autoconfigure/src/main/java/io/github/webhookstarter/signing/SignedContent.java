package io.github.webhookstarter.signing;

import java.time.Instant;

/**
 * What an outbound webhook signature covers.
 *
 * @param id the unique id of the webhook message
 * @param timestamp when the webhook is sent
 * @param body the exact body bytes sent, before any compression
 * @author Webhook Starter team
 */
public record SignedContent(String id, Instant timestamp, byte[] body) {

}
