package io.github.webhookstarter.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import org.springframework.http.HttpHeaders;

import io.github.webhookstarter.signing.SignatureVerification;

/**
 * A request that a {@link WebhookRecorder} received: as sent, as decoded, and what the
 * recorder made of it.
 *
 * @author Webhook Starter team
 */
public final class RecordedWebhook {

	private final String method;

	private final String path;

	private final HttpHeaders headers;

	private final byte[] rawBody;

	private final byte[] body;

	private final @Nullable JsonNode json;

	private final @Nullable String eventType;

	private final @Nullable String id;

	private final @Nullable SignatureVerification verification;

	private final @Nullable String error;

	private final Instant receivedAt;

	private final JsonPointer payloadLocation;

	private final JsonMapper jsonMapper;

	RecordedWebhook(String method, String path, HttpHeaders headers, byte[] rawBody, byte[] body,
			@Nullable JsonNode json, @Nullable String eventType, @Nullable String id,
			@Nullable SignatureVerification verification, @Nullable String error, Instant receivedAt,
			JsonPointer payloadLocation, JsonMapper jsonMapper) {
		this.method = method;
		this.path = path;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.rawBody = rawBody;
		this.body = body;
		this.json = json;
		this.eventType = eventType;
		this.id = id;
		this.verification = verification;
		this.error = error;
		this.receivedAt = receivedAt;
		this.payloadLocation = payloadLocation;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Return the request method.
	 * @return the method, such as {@code POST}
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Return the request path.
	 * @return the path, such as {@code /hooks}
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the request headers.
	 * @return the read-only headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return the body as sent, compressed if it was.
	 * @return a copy of the raw body
	 */
	public byte[] rawBody() {
		return this.rawBody.clone();
	}

	/**
	 * Return the body decoded from its {@code Content-Encoding}.
	 * @return a copy of the decoded body, the raw one if it could not be decoded
	 */
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * Return the decoded body as UTF-8 text.
	 * @return the body
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * Return the decoded body parsed as JSON.
	 * @return the JSON body, or a missing node if the body is not JSON
	 */
	public JsonNode json() {
		return (this.json != null) ? this.json : MissingNode.getInstance();
	}

	/**
	 * Return the payload: the part of the body at the recorder's payload location, such as the
	 * {@code data} of a Standard Webhooks envelope.
	 * @return the payload, or a missing node if the body has none there
	 */
	public JsonNode payload() {
		return json().at(this.payloadLocation);
	}

	/**
	 * Return the payload converted by Jackson.
	 * @param <T> the type to convert to
	 * @param type the type to convert to
	 * @return the converted payload
	 */
	public <T> T payload(Class<T> type) {
		return this.jsonMapper.treeToValue(payload(), type);
	}

	/**
	 * Return the event type, read where the recorder reads it.
	 * @return the event type, or {@code null} if the request carries none
	 */
	public @Nullable String eventType() {
		return this.eventType;
	}

	/**
	 * Return the webhook id, read where the recorder's scheme puts it.
	 * @return the webhook id, or {@code null} if the request carries none
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Return the outcome of verifying the signature.
	 * @return the outcome, or {@code null} if the recorder verifies no signature or the body
	 * could not be decoded
	 */
	public @Nullable SignatureVerification verification() {
		return this.verification;
	}

	/**
	 * Return why the body could not be decoded.
	 * @return the error, or {@code null} if the body was decoded
	 */
	public @Nullable String error() {
		return this.error;
	}

	/**
	 * Return whether the recorder accepted the request: its body was decoded and its signature,
	 * if the recorder verifies one, is valid.
	 * @return whether the request was accepted
	 */
	public boolean isAccepted() {
		return this.error == null
				&& (this.verification == null || this.verification == SignatureVerification.VALID);
	}

	/**
	 * Return when the request was received.
	 * @return the time it was received
	 */
	public Instant receivedAt() {
		return this.receivedAt;
	}

	@Override
	public String toString() {
		String outcome = (this.error != null) ? "error: " + this.error
				: (this.verification != null) ? "signature " + this.verification : "not verified";
		return this.method + " " + this.path + " '" + this.eventType + "' (" + outcome + ")";
	}

}
