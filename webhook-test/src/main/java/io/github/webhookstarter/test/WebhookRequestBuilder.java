package io.github.webhookstarter.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.web.util.UriUtils;

import io.github.webhookstarter.codec.Compression;
import io.github.webhookstarter.inbound.SignedBytes;
import io.github.webhookstarter.inbound.ValueLocation;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignedContent;

/**
 * Builds a {@link SignedWebhookRequest} as a sender of one signature scheme, or of one of the
 * application's sources, sends it: the event type where the scheme or source reads it (a
 * header, a JSON pointer into the body, or the last path segment), the webhook id and
 * timestamp where the scheme wants them, and the signature over the exact bytes sent.
 * <p>
 * Create one with {@link WebhookRequests}; set what the test needs, then finish with
 * {@link #payload(Object)}, {@link #json(String)} or {@link #body(byte[])}.
 *
 * @author Webhook Starter team
 */
public final class WebhookRequestBuilder {

	/** Where a Standard Webhooks envelope carries its payload, beside its type and timestamp. */
	private static final JsonPointer STANDARD_ENVELOPE_DATA = JsonPointer.compile("/data");

	private final @Nullable SignatureScheme scheme;

	private final ValueLocation eventTypeLocation;

	private final @Nullable ValueLocation idLocation;

	private final JsonPointer payloadLocation;

	private final JsonMapper jsonMapper;

	private List<Secret> secrets;

	private String path;

	private SignedBytes signedBytes;

	private final HttpHeaders headers = new HttpHeaders();

	private MediaType contentType = MediaType.APPLICATION_JSON;

	private Compression compression = Compression.NONE;

	private @Nullable String eventType;

	private @Nullable String id;

	private @Nullable Instant timestamp;

	WebhookRequestBuilder(@Nullable SignatureScheme scheme, List<Secret> secrets, String path,
			ValueLocation eventTypeLocation, @Nullable ValueLocation idLocation, JsonPointer payloadLocation,
			SignedBytes signedBytes, JsonMapper jsonMapper) {
		this.scheme = scheme;
		this.secrets = secrets;
		this.path = path;
		this.eventTypeLocation = eventTypeLocation;
		this.idLocation = idLocation;
		this.payloadLocation = payloadLocation;
		this.signedBytes = signedBytes;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Set the event type, which is put where the scheme or source reads it: a header, the body
	 * at a JSON pointer (by {@link #payload(Object)}; a {@link #json(String) given body} must
	 * already carry it), or the last segment of the path.
	 * @param eventType the event type, such as {@code push}
	 * @return this builder
	 */
	public WebhookRequestBuilder event(String eventType) {
		Assert.hasText(eventType, "'eventType' must not be empty");
		this.eventType = eventType;
		return this;
	}

	/**
	 * Set the webhook id. Defaults to a new random id for each request, so that the
	 * application never takes one for a duplicate; set the same id twice to send a duplicate.
	 * @param id the webhook id
	 * @return this builder
	 */
	public WebhookRequestBuilder id(String id) {
		Assert.hasText(id, "'id' must not be empty");
		this.id = id;
		return this;
	}

	/**
	 * Set the signed timestamp, for schemes that sign one. Defaults to the time the request is
	 * built; an earlier one tests the source's {@code tolerance}.
	 * @param timestamp the timestamp
	 * @return this builder
	 */
	public WebhookRequestBuilder timestamp(Instant timestamp) {
		Assert.notNull(timestamp, "'timestamp' must not be null");
		this.timestamp = timestamp;
		return this;
	}

	/**
	 * Set the secrets to sign with, newest first, instead of the configured ones; a wrong
	 * secret tests that the application refuses the request.
	 * @param secrets the secrets, at least one
	 * @return this builder
	 */
	public WebhookRequestBuilder secrets(String... secrets) {
		Assert.notEmpty(secrets, "At least one secret is required");
		this.secrets = Arrays.stream(secrets).map(Secret::of).toList();
		return this;
	}

	/**
	 * Set the path to send to, which the event type is appended to when it is the last path
	 * segment. Defaults to the source's path, or to {@code /webhooks/<scheme name>} for a
	 * scheme, where a source named after its scheme answers by default.
	 * @param path the request path
	 * @return this builder
	 */
	public WebhookRequestBuilder path(String path) {
		Assert.isTrue(path.startsWith("/"), () -> "Path '" + path + "' must start with '/'");
		this.path = path;
		return this;
	}

	/**
	 * Add a header, such as one an authenticator reads.
	 * @param name the header name
	 * @param value the header value
	 * @return this builder
	 */
	public WebhookRequestBuilder header(String name, String value) {
		this.headers.add(name, value);
		return this;
	}

	/**
	 * Set the content type. Defaults to {@code application/json}.
	 * @param contentType the content type
	 * @return this builder
	 */
	public WebhookRequestBuilder contentType(MediaType contentType) {
		Assert.notNull(contentType, "'contentType' must not be null");
		this.contentType = contentType;
		return this;
	}

	/**
	 * Compress the body, as the starter's sender does for an endpoint with the same
	 * compression. {@link Compression#BR} needs Brotli4j and its native library.
	 * @param compression the compression
	 * @return this builder
	 */
	public WebhookRequestBuilder compress(Compression compression) {
		Assert.notNull(compression, "'compression' must not be null");
		this.compression = compression;
		return this;
	}

	/**
	 * Set which bytes the signature covers: the body before compression ({@code DECODED} or
	 * {@code EITHER}) or as sent ({@code RAW}). Defaults to the source's
	 * {@code signed-bytes}, or to {@code DECODED} for a scheme.
	 * @param signedBytes which bytes are signed
	 * @return this builder
	 */
	public WebhookRequestBuilder signedBytes(SignedBytes signedBytes) {
		Assert.notNull(signedBytes, "'signedBytes' must not be null");
		this.signedBytes = signedBytes;
		return this;
	}

	/**
	 * Build the request with a payload serialized by Jackson. The body is the payload, placed
	 * at the payload location of the scheme or source if it has one (for {@code standard},
	 * the {@code data} of an envelope with the {@code type} and {@code timestamp}), with the
	 * event type and id written into it where they are read from the body.
	 * @param payload the payload, such as a record or a map
	 * @return the signed request
	 * @throws IllegalArgumentException if the event type or id belongs in the body but the
	 * payload is not a JSON object
	 */
	public SignedWebhookRequest payload(Object payload) {
		Instant timestamp = timestamp();
		String id = (this.id != null) ? this.id : newId();
		JsonNode payloadNode = this.jsonMapper.valueToTree(payload);
		// copied, as it may be the caller's own JsonNode
		JsonNode body = this.payloadLocation.matches() ? payloadNode.deepCopy() : envelope(payloadNode, timestamp);
		setText(body, pointer(this.eventTypeLocation), this.eventType);
		JsonPointer idPointer = pointer(this.idLocation);
		if (idPointer != null) {
			// an id of the payload itself is the one to detect duplicates with
			JsonNode existing = body.at(idPointer);
			if (existing.isValueNode() && !existing.isNull()) {
				id = existing.asString();
			}
			else {
				setText(body, idPointer, id);
			}
		}
		return build(this.jsonMapper.writeValueAsBytes(body), this.eventType, id, timestamp);
	}

	/**
	 * Build the request with a JSON body, sent as its exact UTF-8 bytes. Where the event type
	 * and id are read from the body, the body must carry them.
	 * @param json the body
	 * @return the signed request
	 * @throws IllegalStateException if an {@link #event(String) event type} was set that the
	 * body carries differently where the scheme or source reads it
	 */
	public SignedWebhookRequest json(String json) {
		return body(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Build the request with a body of exact bytes, such as one that is not JSON or not
	 * well-formed.
	 * @param body the body, before compression
	 * @return the signed request
	 * @throws IllegalStateException if an {@link #event(String) event type} was set that the
	 * body carries differently where the scheme or source reads it
	 */
	public SignedWebhookRequest body(byte[] body) {
		JsonNode json = readTree(body);
		String eventType = this.eventType;
		JsonPointer eventTypePointer = pointer(this.eventTypeLocation);
		if (eventTypePointer != null) {
			String carried = valueAt(json, eventTypePointer);
			// the body is sent as given: an event type set beside it would silently not be sent
			Assert.state(eventType == null || json == null || eventType.equals(carried),
					() -> "The body carries event type '" + carried + "' at " + this.eventTypeLocation + ", not '"
							+ this.eventType + "'; put it in the body or build the request with payload(..)");
			eventType = (carried != null) ? carried : eventType;
		}
		JsonPointer idPointer = pointer(this.idLocation);
		String carriedId = (idPointer != null) ? valueAt(json, idPointer) : null;
		String id = (carriedId != null) ? carriedId : (this.id != null) ? this.id : newId();
		return build(body.clone(), eventType, id, timestamp());
	}

	private SignedWebhookRequest build(byte[] body, @Nullable String eventType, String id, Instant timestamp) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(this.headers);
		headers.setContentType(this.contentType);
		String path = this.path;
		if (eventType != null && !this.eventTypeLocation.headerNames().isEmpty()) {
			headers.set(this.eventTypeLocation.headerNames().get(0), eventType);
		}
		else if (eventType != null && this.eventTypeLocation.isPath()) {
			path = (path.endsWith("/") ? path : path + "/")
					+ UriUtils.encodePathSegment(eventType, StandardCharsets.UTF_8);
		}
		if (this.idLocation != null && !this.idLocation.headerNames().isEmpty()) {
			headers.set(this.idLocation.headerNames().get(0), id);
		}
		byte[] sent = ContentCodings.encode(this.compression, body, headers);
		if (this.scheme != null) {
			byte[] signed = (this.signedBytes == SignedBytes.RAW) ? sent : body;
			headers.putAll(this.scheme.sign(new SignedContent(id, timestamp, signed), this.secrets));
		}
		return new SignedWebhookRequest(path, headers, sent, eventType, id);
	}

	/**
	 * Return a body with the payload at the payload location: for {@code /data}, the
	 * Standard Webhooks envelope, which also has the timestamp.
	 */
	private ObjectNode envelope(JsonNode payload, Instant timestamp) {
		ObjectNode envelope = this.jsonMapper.createObjectNode();
		// the event type first, so that the envelope reads in the order the spec shows
		setText(envelope, pointer(this.eventTypeLocation), this.eventType);
		if (this.payloadLocation.equals(STANDARD_ENVELOPE_DATA)) {
			envelope.put("timestamp", timestamp.toString());
		}
		set(envelope, this.payloadLocation, payload);
		return envelope;
	}

	private Instant timestamp() {
		return (this.timestamp != null) ? this.timestamp : Instant.now();
	}

	private static String newId() {
		return "msg_" + UUID.randomUUID().toString().replace("-", "");
	}

	private static @Nullable JsonPointer pointer(@Nullable ValueLocation location) {
		return (location != null) ? location.pointer() : null;
	}

	private @Nullable JsonNode readTree(byte[] body) {
		try {
			return this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			// a body that is not JSON may be what the test sends: it carries no event type
			return null;
		}
	}

	private static @Nullable String valueAt(@Nullable JsonNode json, JsonPointer pointer) {
		if (json == null) {
			return null;
		}
		JsonNode value = json.at(pointer);
		return (value.isValueNode() && !value.isNull()) ? value.asString() : null;
	}

	private static void setText(JsonNode root, @Nullable JsonPointer pointer, @Nullable String value) {
		if (pointer != null && value != null) {
			set(root, pointer, StringNode.valueOf(value));
		}
	}

	private static void set(JsonNode root, JsonPointer pointer, JsonNode value) {
		Assert.isTrue(root instanceof ObjectNode,
				() -> "The payload must be a JSON object to carry a value at " + pointer + ", not "
						+ root.getNodeType());
		ObjectNode parent = (ObjectNode) root;
		JsonPointer current = pointer;
		while (!current.tail().matches()) {
			parent = parent.withObjectProperty(current.getMatchingProperty());
			current = current.tail();
		}
		parent.set(current.getMatchingProperty(), value);
	}

}
