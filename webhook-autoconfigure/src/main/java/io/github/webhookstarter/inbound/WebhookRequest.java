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
 * A received webhook: what the authenticator and listeners see of a call.
 *
 * @author Webhook Starter team
 */
public final class WebhookRequest {

	private final String callId;

	private final String source;

	private final String eventType;

	private final @Nullable String webhookId;

	private final HttpHeaders headers;

	private final byte[] body;

	private final @Nullable String remoteAddress;

	private final Instant receivedAt;

	private final JsonPointer payloadLocation;

	private final JsonMapper jsonMapper;

	private @Nullable JsonNode json;

	private @Nullable Authentication authentication;

	WebhookRequest(String callId, String source, String eventType, @Nullable String webhookId, HttpHeaders headers,
			byte[] body, @Nullable String remoteAddress, Instant receivedAt, JsonPointer payloadLocation,
			JsonMapper jsonMapper) {
		this.callId = callId;
		this.source = source;
		this.eventType = eventType;
		this.webhookId = webhookId;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.body = body;
		this.remoteAddress = remoteAddress;
		this.receivedAt = receivedAt;
		this.payloadLocation = payloadLocation;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Return the id under which the call is stored.
	 * @return the call id
	 */
	public String getCallId() {
		return this.callId;
	}

	/**
	 * Return the name of the source the webhook arrived at.
	 * @return the source name
	 */
	public String getSource() {
		return this.source;
	}

	/**
	 * Return the event type, read where the source says it is.
	 * @return the event type, empty if the call carries none
	 */
	public String getEventType() {
		return this.eventType;
	}

	/**
	 * Return the sender's unique id of the webhook, used to detect duplicates.
	 * @return the webhook id, or {@code null} if the call carries none
	 */
	public @Nullable String getWebhookId() {
		return this.webhookId;
	}

	/**
	 * Return the request headers.
	 * @return the read-only headers
	 */
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	/**
	 * Return the body after Content-Encoding decoding. The array is shared: do not modify it.
	 * @return the decoded body
	 */
	public byte[] getBody() {
		return this.body;
	}

	/**
	 * Return the decoded body as UTF-8 text.
	 * @return the body text
	 */
	public String getBodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * Return the body parsed as JSON, parsed on first use.
	 * @return the JSON tree
	 */
	public JsonNode getJson() {
		JsonNode json = this.json;
		if (json == null) {
			json = this.jsonMapper.readTree(this.body);
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
		return this.remoteAddress;
	}

	/**
	 * Return when the call was received.
	 * @return the time of receipt
	 */
	public Instant getReceivedAt() {
		return this.receivedAt;
	}

	/**
	 * Return the authentication the source's authenticator returned.
	 * @return the authentication, or {@code null} if the call is anonymous
	 */
	public @Nullable Authentication getAuthentication() {
		return this.authentication;
	}

	void setAuthentication(@Nullable Authentication authentication) {
		this.authentication = authentication;
	}

	void setJson(JsonNode json) {
		this.json = json;
	}

	InboundCall toCall() {
		return new InboundCall(this.callId, this.source, this.eventType, this.webhookId, this.headers, this.body,
				this.remoteAddress, this.receivedAt, this.authentication);
	}

	static WebhookRequest of(InboundCall call, JsonPointer payloadLocation, JsonMapper jsonMapper) {
		WebhookRequest request = new WebhookRequest(call.id(), call.source(), call.eventType(), call.webhookId(),
				call.headers(), call.body(), call.remoteAddress(), call.receivedAt(), payloadLocation, jsonMapper);
		request.setAuthentication(call.authentication());
		return request;
	}

	@Override
	public String toString() {
		return "WebhookRequest{source='" + this.source + "', eventType='" + this.eventType + "', webhookId='"
				+ this.webhookId + "', callId='" + this.callId + "'}";
	}

}
