package io.github.webhookstarter.actuate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds an example value from a JSON Schema: strings {@code "string"}, numbers {@code 0},
 * booleans {@code false}, enums their first value, arrays and maps one item, date-times now.
 * A type that nests itself is left out where it recurs.
 *
 * @author Webhook Starter team
 */
final class SchemaExamples {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private static final List<String> ALTERNATIVES = List.of("oneOf", "anyOf", "allOf");

	private final ObjectNode root;

	private final Instant now;

	private final Set<String> expanding = new HashSet<>();

	private SchemaExamples(ObjectNode root, Instant now) {
		this.root = root;
		this.now = now;
	}

	/**
	 * Build an example of a schema.
	 * @param schema the schema, its definitions under {@code $defs}
	 * @param now the time of date-times
	 * @return the example
	 */
	static JsonNode example(ObjectNode schema, Instant now) {
		JsonNode example = new SchemaExamples(schema, now).buildReferenced("#");
		return (example != null) ? example : nodes.nullNode();
	}

	private @Nullable JsonNode build(JsonNode schema) {
		JsonNode ref = schema.get("$ref");
		if (ref != null && ref.isString()) {
			return buildReferenced(ref.asString());
		}
		if (schema.has("const")) {
			return schema.get("const");
		}
		JsonNode values = schema.get("enum");
		if (values != null && values.isArray() && !values.isEmpty()) {
			return values.get(0);
		}
		for (String keyword : ALTERNATIVES) {
			JsonNode alternatives = schema.get(keyword);
			if (alternatives != null && alternatives.isArray() && !alternatives.isEmpty()) {
				return build(alternatives.get(0));
			}
		}
		return switch (type(schema)) {
			case "string" -> nodes.stringNode(string(schema.path("format").asString("")));
			case "integer", "number" -> nodes.numberNode(0);
			case "boolean" -> nodes.booleanNode(false);
			case "null" -> nodes.nullNode();
			case "array" -> array(schema.get("items"));
			default -> object(schema);
		};
	}

	private @Nullable JsonNode buildReferenced(String ref) {
		if (!this.expanding.add(ref)) {
			return null;
		}
		try {
			JsonNode target = ref.equals("#") ? this.root
					: ref.startsWith("#/") ? this.root.at(ref.substring(1)) : nodes.missingNode();
			return target.isMissingNode() ? nodes.objectNode() : build(target);
		}
		finally {
			this.expanding.remove(ref);
		}
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type != null && type.isArray()) {
			for (JsonNode candidate : type) {
				if (!"null".equals(candidate.asString())) {
					return candidate.asString();
				}
			}
			return "null";
		}
		return (type != null && type.isString()) ? type.asString() : "object";
	}

	private String string(String format) {
		return switch (format) {
			case "date-time" -> this.now.toString();
			case "date" -> LocalDate.ofInstant(this.now, ZoneOffset.UTC).toString();
			case "time" -> LocalTime.ofInstant(this.now, ZoneOffset.UTC).toString();
			case "duration" -> "PT0S";
			default -> "string";
		};
	}

	private ArrayNode array(@Nullable JsonNode items) {
		ArrayNode array = nodes.arrayNode();
		JsonNode item = (items != null && items.isObject()) ? build(items) : null;
		if (item != null) {
			array.add(item);
		}
		return array;
	}

	private ObjectNode object(JsonNode schema) {
		ObjectNode object = nodes.objectNode();
		JsonNode properties = schema.get("properties");
		if (properties != null && properties.isObject()) {
			for (Map.Entry<String, JsonNode> property : properties.properties()) {
				JsonNode value = build(property.getValue());
				if (value != null) {
					object.set(property.getKey(), value);
				}
			}
		}
		JsonNode additional = schema.get("additionalProperties");
		if (additional != null && additional.isObject()) {
			JsonNode value = build(additional);
			if (value != null) {
				object.set("key", value);
			}
		}
		return object;
	}

}
