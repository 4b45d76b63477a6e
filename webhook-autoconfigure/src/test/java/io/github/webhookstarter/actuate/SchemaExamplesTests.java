package io.github.webhookstarter.actuate;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SchemaExamples}.
 */
class SchemaExamplesTests {

	private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void buildsAnExampleOfEveryKindOfValue() {
		JsonNode example = example("""
				{"type": "object", "properties": {
				  "name": {"type": "string"}, "count": {"type": "integer"}, "price": {"type": "number"},
				  "vip": {"type": "boolean"}, "status": {"type": "string", "enum": ["NEW", "PAID"]},
				  "at": {"type": "string", "format": "date-time"}, "day": {"type": "string", "format": "date"},
				  "note": {"type": ["string", "null"]}, "tags": {"type": "array", "items": {"type": "string"}},
				  "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
				  "kind": {"const": "fixed"}, "either": {"anyOf": [{"type": "integer"}, {"type": "string"}]}}}
				""");
		assertThat(example).isEqualTo(this.json.readTree("""
				{"name": "string", "count": 0, "price": 0, "vip": false, "status": "NEW",
				 "at": "2026-12-03T10:15:30Z", "day": "2026-12-03", "note": "string", "tags": ["string"],
				 "counts": {"key": 0}, "kind": "fixed", "either": 0}
				"""));
	}

	@Test
	void followsReferencesAndLeavesOutATypeWhereItRecurs() {
		JsonNode example = example("""
				{"$defs": {"Node": {"type": "object", "properties": {
				   "name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}}}}},
				 "type": "object", "properties": {"root": {"$ref": "#/$defs/Node"}, "parent": {"$ref": "#"}}}
				""");
		assertThat(example).isEqualTo(this.json.readTree("""
				{"root": {"name": "string", "children": []}}
				"""));
	}

	private JsonNode example(String schema) {
		return SchemaExamples.example((ObjectNode) this.json.readTree(schema), NOW);
	}

}
