package io.github.webhookstarter.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;

/**
 * A received webhook: what the authenticator and listeners see of a call. It is immutable:
 * the {@link InboundCall} it is made of, where the payload is, and the authentication the
 * call was accepted with, if any; the JSON tree of the body is parsed once, on first use.
 *
 * @author Webhook Starter team
 */
public final class WebhookRequest {

	private final InboundCall call;

	private final JsonPointer payloadLocation;

	private final JsonMapper jsonMapper;

	private final @Nullable Authentication authentication;

	// parsed on first use and kept, as String#hashCode is: the body it is parsed from never changes
	private volatile @Nullable JsonNode json;

	private WebhookRequest(InboundCall call, JsonPointer payloadLocation, JsonMapper jsonMapper,
			@Nullable Authentication authentication, @Nullable JsonNode json) {
		this.call = call;
		this.payloadLocation = payloadLocation;
		this.jsonMapper = jsonMapper;
		this.authentication = authentication;
		this.json = json;
	}

	/**
	 * Create the request of a call, without authentication.
	 * @param call the call
	 * @param payloadLocation where the payload is in the body
	 * @param jsonMapper parses the body
	 * @param json the body already parsed, or {@code null} to parse it on first use
	 * @return the request
	 */
	static WebhookRequest of(InboundCall call, JsonPointer payloadLocation, JsonMapper jsonMapper,
			@Nullable JsonNode json) {
		return new WebhookRequest(call, payloadLocation, jsonMapper, null, json);
	}

	/**
	 * Return a request of the same call, accepted with the given authentication.
	 * @param authentication what the source's authenticator returned, or {@code null}
	 * @return the request
	 */
	WebhookRequest withAuthentication(@Nullable Authentication authentication) {
		return new WebhookRequest(this.call, this.payloadLocation, this.jsonMapper, authentication, this.json);
	}

	/**
	 * Return the call this request is made of.
	 * @return the call
	 */
	InboundCall call() {
		return this.call;
	}

	/**
	 * Return the id under which the call is stored.
	 * @return the call id
	 */
	public String getCallId() {
		return this.call.id();
	}

	/**
	 * Return the name of the source the webhook arrived at.
	 * @return the source name
	 */
	public String getSource() {
		return this.call.source();
	}

	/**
	 * Return the event type, read where the source says it is.
	 * @return the event type, empty if the call carries none
	 */
	public String getEventType() {
		return this.call.eventType();
	}

	/**
	 * Return the sender's unique id of the webhook, used to detect duplicates.
	 * @return the webhook id, or {@code null} if the call carries none
	 */
	public @Nullable String getWebhookId() {
		return this.call.webhookId();
	}

	/**
	 * Return the request headers: all of them for an authenticator, those the source stores
	 * with a call for listeners.
	 * @return the read-only headers
	 */
	public HttpHeaders getHeaders() {
		return this.call.headers();
	}

	/**
	 * Return the body after Content-Encoding decoding. The array is shared: do not modify it.
	 * @return the decoded body
	 */
	public byte[] getBody() {
		return this.call.body();
	}

	/**
	 * Return the decoded body as UTF-8 text.
	 * @return the body text
	 */
	public String getBodyAsString() {
		return new String(this.call.body(), StandardCharsets.UTF_8);
	}

	/**
	 * Return the body parsed as JSON, parsed on first use.
	 * @return the JSON tree
	 */
	public JsonNode getJson() {
		JsonNode json = this.json;
		if (json == null) {
			json = this.jsonMapper.readTree(this.call.body());
			this.json = json;
		}
		return json;
	}

	/**
	 * Return the payload: the part of the body at the source's {@code payload} location, such
	 * as the {@code data} of a Standard Webhooks envelope, or the whole body.
	 * @return the payload, a missing node if the body has nothing at that location
	 */
	public JsonNode getPayload() {
		return getJson().at(this.payloadLocation);
	}

	/**
	 * Return where in the body the payload is.
	 * @return the JSON pointer of the payload, empty for the whole body
	 */
	public JsonPointer getPayloadLocation() {
		return this.payloadLocation;
	}

	/**
	 * Return the address of the client that sent the call.
	 * @return the remote address, or {@code null} if unknown
	 */
	public @Nullable String getRemoteAddress() {
		return this.call.remoteAddress();
	}

	/**
	 * Return when the call was received.
	 * @return the time of receipt
	 */
	public Instant getReceivedAt() {
		return this.call.receivedAt();
	}

	/**
	 * Return the authentication the source's authenticator returned. Listeners of a source in
	 * {@linkplain InboundMode#SYNC synchronous} mode see it; it is not stored with a call, so
	 * listeners of a call dispatched from the store ({@linkplain InboundMode#ASYNC asynchronous}
	 * mode, retries, replays) and the authenticator itself see {@code null}.
	 * @return the authentication, or {@code null} if the call is anonymous or was dispatched
	 * from the store
	 */
	public @Nullable Authentication getAuthentication() {
		return this.authentication;
	}

	@Override
	public String toString() {
		return "WebhookRequest{source='" + getSource() + "', eventType='" + getEventType() + "', webhookId='"
				+ getWebhookId() + "', callId='" + getCallId() + "'}";
	}

}
