package io.github.webhookstarter.outbound;

import java.time.Instant;

/**
 * A webhook to emit: one event, serialized once, however many endpoints it is delivered to.
 *
 * @param id the unique id of the message, sent as the webhook id
 * @param type the event type
 * @param timestamp when the event was published
 * @param body the exact body bytes to send, before any compression
 * @author Webhook Starter team
 */
public record WebhookMessage(String id, String type, Instant timestamp, byte[] body) {

	@Override
	public String toString() {
		return "WebhookMessage{id='" + this.id + "', type='" + this.type + "', timestamp=" + this.timestamp + "}";
	}

}
