package io.github.webhookstarter.inbound;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * A received webhook call: the data a {@link WebhookRequest} is made of, and what an
 * {@link InboundStore} stores of it.
 * <p>
 * It holds no {@link org.springframework.security.core.Authentication}: what a source's
 * {@link WebhookAuthenticator} returns is not data of the call, no store keeps it, and
 * listeners of a call dispatched from the store run without it.
 *
 * @param id the id under which the call is stored
 * @param source the name of the source it arrived at
 * @param eventType the event type, empty if the call carries none
 * @param webhookId the sender's unique id of the webhook, or {@code null}
 * @param headers the request headers, read-only: those a source stores with a call, or all of
 * them for the request an authenticator sees
 * @param body the body after Content-Encoding decoding; the array is shared, not copied: it
 * must not be modified
 * @param remoteAddress the address of the client, or {@code null}
 * @param receivedAt when the call was received
 * @author Webhook Starter team
 */
public record InboundCall(String id, String source, String eventType, @Nullable String webhookId, HttpHeaders headers,
		byte[] body, @Nullable String remoteAddress, Instant receivedAt) {

	/**
	 * Create a call, with read-only headers.
	 */
	public InboundCall {
		headers = HttpHeaders.readOnlyHttpHeaders(headers);
	}

	@Override
	public String toString() {
		return "InboundCall{id='" + this.id + "', source='" + this.source + "', eventType='" + this.eventType
				+ "', webhookId='" + this.webhookId + "'}";
	}

}
