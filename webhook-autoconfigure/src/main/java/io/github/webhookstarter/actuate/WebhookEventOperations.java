package io.github.webhookstarter.actuate;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.webhookstarter.outbound.DefaultWebhookPublisher;
import io.github.webhookstarter.outbound.Envelope;
import io.github.webhookstarter.outbound.EventPhase;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.WebhookEventTypes;
import io.github.webhookstarter.outbound.WebhookEventTypes.EventType;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.outbound.WebhookPublisher;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The operations of the {@link WebhooksEndpoint} on outbound event types: list them, show
 * the JSON Schema of a payload, describe every event in an OpenAPI 3.1 document, trigger an
 * event by hand.
 *
 * @author Webhook Starter team
 */
public final class WebhookEventOperations {

	static final String OPENAPI_VERSION = "3.1.0";

	private static final String COMPONENT_REF = "#/components/schemas/";

	private static final String DEFINITION_REF = "#/$defs/";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final WebhookEventTypes eventTypes;

	private final WebhookEndpoints endpoints;

	private final WebhookPublisher publisher;

	private final @Nullable PayloadSchemaGenerator schemaGenerator;

	private final JsonMapper jsonMapper;

	private final Envelope envelope;

	private final Clock clock;

	private final String title;

	/**
	 * Create the operations.
	 * @param eventTypes the known event types
	 * @param endpoints the endpoints
	 * @param publisher publishes triggered events
	 * @param schemaGenerator generates the schema of payloads, or {@code null} if there is none:
	 * then no payload has a schema
	 * @param jsonMapper converts the data of triggered events to their payload class
	 * @param envelope the body of webhooks, which the OpenAPI document describes
	 * @param clock the clock of the date-times in examples
	 * @param title the title of the OpenAPI document
	 */
	public WebhookEventOperations(WebhookEventTypes eventTypes, WebhookEndpoints endpoints, WebhookPublisher publisher,
			@Nullable PayloadSchemaGenerator schemaGenerator, JsonMapper jsonMapper, Envelope envelope, Clock clock,
			String title) {
		this.eventTypes = eventTypes;
		this.endpoints = endpoints;
		this.publisher = publisher;
		this.schemaGenerator = schemaGenerator;
		this.jsonMapper = jsonMapper;
		this.envelope = envelope;
		this.clock = clock;
		this.title = title;
	}

	/**
	 * List the known event types.
	 * @return the event types, by name
	 */
	public EventsDescriptor events() {
		return new EventsDescriptor(this.eventTypes.getEventTypes()
			.stream()
			.map((type) -> new EventDescriptor(type.name(),
					(type.payloadClass() != null) ? type.payloadClass().getName() : null,
					subscribers(type.name()).stream().map(WebhookEndpoint::name).toList()))
			.toList());
	}

	/**
	 * Return the JSON Schema (draft 2020-12) of the payload of an event type.
	 * @param type the event type
	 * @return the schema, or {@code null} if the type is not known or its payload class is not
	 */
	public @Nullable Map<String, Object> schema(String type) {
		ObjectNode schema = generateSchema(this.eventTypes.get(type));
		return (schema != null) ? toMap(schema) : null;
	}

	private @Nullable ObjectNode generateSchema(@Nullable EventType type) {
		PayloadSchemaGenerator generator = this.schemaGenerator;
		Class<?> payloadClass = (type != null) ? type.payloadClass() : null;
		return (generator != null && payloadClass != null) ? generator.generate(payloadClass) : null;
	}

	/**
	 * Describe every known event type in an OpenAPI 3.1 document: its {@code webhooks} section
	 * has a {@code post} operation per event type, whose request body is the body of the
	 * webhook and whose header parameters are the signature headers of the endpoints that
	 * subscribe to it; payload schemas are under {@code components/schemas}.
	 * @return the document
	 */
	public Map<String, Object> openApi() {
		ObjectNode document = this.jsonMapper.createObjectNode();
		document.put("openapi", OPENAPI_VERSION);
		document.putObject("info").put("title", this.title).put("version", "1");
		document.putObject("paths");
		ObjectNode webhooks = document.putObject("webhooks");
		Components components = new Components(this.jsonMapper.createObjectNode());
		for (EventType type : this.eventTypes.getEventTypes()) {
			ObjectNode schema = generateSchema(type);
			Class<?> payloadClass = type.payloadClass();
			JsonNode data = (schema != null && payloadClass != null) ? components.reference(payloadClass, schema)
					: this.jsonMapper.createObjectNode();
			webhooks.putObject(type.name()).set("post", webhook(type.name(), data));
		}
		if (!components.schemas().isEmpty()) {
			document.putObject("components").set("schemas", components.schemas());
		}
		return toMap(document);
	}

	private ObjectNode webhook(String type, JsonNode data) {
		ObjectNode operation = this.jsonMapper.createObjectNode();
		operation.put("summary", "Event " + type);
		List<WebhookEndpoint> subscribers = subscribers(type);
		if (!subscribers.isEmpty()) {
			operation.put("description", "Sent to the endpoints "
					+ String.join(", ", subscribers.stream().map(WebhookEndpoint::name).toList()) + ".");
		}
		ArrayNode parameters = signatureHeaders(subscribers);
		if (!parameters.isEmpty()) {
			operation.set("parameters", parameters);
		}
		ObjectNode body = operation.putObject("requestBody").put("required", true);
		body.putObject("content").putObject("application/json").set("schema", envelope(type, data));
		operation.putObject("responses")
			.putObject("2XX")
			.put("description", "Received: any other status, or none in time, is retried");
		return operation;
	}

	private JsonNode envelope(String type, JsonNode data) {
		if (this.envelope == Envelope.RAW) {
			return data;
		}
		ObjectNode envelope = this.jsonMapper.createObjectNode().put("type", "object");
		envelope.putArray("required").add("type").add("timestamp").add("data");
		ObjectNode properties = envelope.putObject("properties");
		properties.putObject("type").put("type", "string").put("const", type);
		properties.putObject("timestamp").put("type", "string").put("format", "date-time");
		properties.set("data", data);
		return envelope;
	}

	private ArrayNode signatureHeaders(List<WebhookEndpoint> subscribers) {
		// a header is required when every subscriber sends it
		Map<String, Integer> senders = new LinkedHashMap<>();
		for (WebhookEndpoint endpoint : subscribers) {
			endpoint.signatureHeaders().forEach((header) -> senders.merge(header, 1, Integer::sum));
		}
		ArrayNode parameters = this.jsonMapper.createArrayNode();
		senders.forEach((header, count) -> {
			ObjectNode parameter = parameters.addObject().put("name", header).put("in", "header");
			parameter.put("required", count == subscribers.size()).putObject("schema").put("type", "string");
		});
		return parameters;
	}

	/**
	 * Trigger an event by hand: publish it as the application would, or to one endpoint alone.
	 * @param type the event type
	 * @param data the payload as JSON, converted to the payload class of the event type, or
	 * {@code null} for an example built from its schema: a string, as actuator write
	 * operations take the values of their JSON body as strings
	 * @param endpoint the name of the one endpoint to send it to, or {@code null} for every
	 * endpoint that subscribes to it
	 * @return the message id and the endpoints it is sent to, or {@code null} if the event type
	 * or endpoint is not known
	 * @throws InvalidEndpointRequestException if the data is not a payload of the event type,
	 * there is no data and no schema to build an example from, or the endpoint is not enabled
	 * by its configuration
	 */
	public @Nullable TriggerDescriptor trigger(String type, @Nullable String data,
			@Nullable String endpoint) {
		EventType eventType = this.eventTypes.get(type);
		WebhookEndpoint target = (endpoint != null) ? this.endpoints.get(endpoint) : null;
		if (eventType == null || (endpoint != null && target == null)) {
			return null;
		}
		if (target != null && !target.enabled()) {
			throw new InvalidEndpointRequestException("Webhook endpoint '" + endpoint
					+ "' is not enabled by its configuration: it is never sent to", "Endpoint not enabled");
		}
		Object payload = payload(eventType, data);
		if (endpoint == null) {
			WebhookMessage message = this.publisher.publish(type, payload);
			return new TriggerDescriptor(message.id(), type,
					subscribers(type).stream().map(WebhookEndpoint::name).toList());
		}
		if (!(this.publisher instanceof DefaultWebhookPublisher publisher)) {
			throw new InvalidEndpointRequestException(
					"The application's WebhookPublisher cannot send an event to one endpoint alone",
					"Endpoint not supported");
		}
		return new TriggerDescriptor(publisher.publishTo(endpoint, type, payload).id(), type, List.of(endpoint));
	}

	private Object payload(EventType type, @Nullable String data) {
		Class<?> payloadClass = type.payloadClass();
		if (data != null) {
			JsonNode tree = readTree(data);
			return (payloadClass != null) ? convert(tree, payloadClass) : tree;
		}
		ObjectNode schema = generateSchema(type);
		if (payloadClass == null || schema == null) {
			throw new InvalidEndpointRequestException("Event type '" + type.name()
					+ "' has no payload schema to build an example from: give its 'data'", "Missing 'data'");
		}
		return convert(SchemaExamples.example(schema, this.clock.instant()), payloadClass);
	}

	private JsonNode readTree(String data) {
		try {
			return this.jsonMapper.readTree(data);
		}
		catch (JacksonException ex) {
			throw new InvalidEndpointRequestException("'data' is not JSON: " + ex.getOriginalMessage(),
					"Invalid 'data'");
		}
	}

	private Object convert(JsonNode data, Class<?> payloadClass) {
		try {
			Object payload = this.jsonMapper.treeToValue(data, payloadClass);
			if (payload == null) {
				throw new InvalidEndpointRequestException("'data' is null", "Invalid 'data'");
			}
			return payload;
		}
		catch (JacksonException ex) {
			throw new InvalidEndpointRequestException(
					"'data' is not a " + payloadClass.getSimpleName() + ": " + ex.getOriginalMessage(), "Invalid 'data'");
		}
	}

	// the endpoints a publish sends to, in either phase
	private List<WebhookEndpoint> subscribers(String type) {
		return Stream.of(EventPhase.BEFORE, EventPhase.AFTER)
			.flatMap((phase) -> this.endpoints.getSubscribers(phase, type).stream())
			.distinct()
			.toList();
	}

	private Map<String, Object> toMap(ObjectNode node) {
		return this.jsonMapper.convertValue(node, MAP);
	}

	/**
	 * The {@code components/schemas} of an OpenAPI document: each payload schema and its
	 * definitions, under the simple name of their class, suffixed where two differ.
	 */
	private static final class Components {

		private final ObjectNode schemas;

		private final Map<Class<?>, String> names = new HashMap<>();

		Components(ObjectNode schemas) {
			this.schemas = schemas;
		}

		ObjectNode schemas() {
			return this.schemas;
		}

		JsonNode reference(Class<?> payloadClass, ObjectNode schema) {
			String name = this.names.get(payloadClass);
			if (name == null) {
				name = add(payloadClass.getSimpleName(), schema);
				this.names.put(payloadClass, name);
			}
			ObjectNode reference = JsonNodeFactory.instance.objectNode();
			return reference.put("$ref", COMPONENT_REF + name);
		}

		private String add(String simpleName, ObjectNode schema) {
			String name = simpleName;
			for (int suffix = 2; this.schemas.has(name); suffix++) {
				name = simpleName + suffix;
			}
			schema.remove("$schema");
			JsonNode definitions = schema.remove("$defs");
			Map<String, String> definitionNames = new HashMap<>();
			if (definitions != null) {
				for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
					// a definition equal to a component of another payload is that component
					JsonNode component = rewrite(definition.getValue(), definitionNames, name);
					String unique = definition.getKey();
					for (int suffix = 2; this.schemas.has(unique) && !this.schemas.get(unique).equals(component); suffix++) {
						unique = definition.getKey() + suffix;
					}
					definitionNames.put(definition.getKey(), unique);
				}
				for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
					this.schemas.set(definitionNames.get(definition.getKey()),
							rewrite(definition.getValue(), definitionNames, name));
				}
			}
			this.schemas.set(name, rewrite(schema, definitionNames, name));
			return name;
		}

		private static JsonNode rewrite(JsonNode schema, Map<String, String> names, String selfName) {
			JsonNode copy = schema.deepCopy();
			rewriteInPlace(copy, names, selfName);
			return copy;
		}

		private static void rewriteInPlace(JsonNode node, Map<String, String> names, String selfName) {
			if (node instanceof ObjectNode object) {
				JsonNode ref = object.get("$ref");
				if (ref != null && ref.isString()) {
					String target = ref.asString();
					if (target.equals("#")) {
						object.put("$ref", COMPONENT_REF + selfName);
					}
					else if (target.startsWith(DEFINITION_REF)) {
						String definition = target.substring(DEFINITION_REF.length());
						object.put("$ref", COMPONENT_REF + names.getOrDefault(definition, definition));
					}
				}
			}
			for (JsonNode child : node) {
				rewriteInPlace(child, names, selfName);
			}
		}

	}

	/**
	 * The known outbound event types.
	 *
	 * @param events the event types, by name
	 */
	public record EventsDescriptor(List<EventDescriptor> events) {

	}

	/**
	 * An outbound event type.
	 *
	 * @param name the name of the event type
	 * @param payloadClass the name of the class of its payload, or {@code null} if it is not
	 * known
	 * @param endpoints the names of the endpoints that subscribe to it, in either phase
	 */
	public record EventDescriptor(String name, @Nullable String payloadClass, List<String> endpoints) {

	}

	/**
	 * An event triggered by hand.
	 *
	 * @param messageId the id of its message, sent as the webhook id
	 * @param type the event type
	 * @param endpoints the names of the endpoints it is sent to
	 */
	public record TriggerDescriptor(String messageId, String type, List<String> endpoints) {

	}

}
