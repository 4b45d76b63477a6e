package io.github.webhookstarter.inbound;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;

/**
 * A received webhook call as it is stored.
 *
 * @param id the id under which the call is stored
 * @param source the name of the source it arrived at
 * @param eventType the event type, empty if the call carries none
 * @param webhookId the sender's unique id of the webhook, or {@code null}
 * @param headers the request headers
 * @param body the body after Content-Encoding decoding
 * @param remoteAddress the address of the client, or {@code null}
 * @param receivedAt when the call was received
 * @param authentication what the source's authenticator returned, or {@code null}
 * @author Webhook Starter team
 */
public record InboundCall(String id, String source, String eventType, @Nullable String webhookId, HttpHeaders headers,
		byte[] body, @Nullable String remoteAddress, Instant receivedAt, @Nullable Authentication authentication) {

	@Override
	public String toString() {
		return "InboundCall{id='" + this.id + "', source='" + this.source + "', eventType='" + this.eventType
				+ "', webhookId='" + this.webhookId + "'}";
	}

}
