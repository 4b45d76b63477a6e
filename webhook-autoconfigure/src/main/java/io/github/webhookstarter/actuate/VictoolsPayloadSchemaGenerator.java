package io.github.webhookstarter.actuate;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link PayloadSchemaGenerator} of the victools {@code jsonschema-generator} with its Jackson
 * module: properties as the application's {@link JsonMapper} names them
 * ({@code @JsonProperty}, naming strategy), required ones as {@code @JsonProperty(required =
 * true)} marks them, enums as their values, maps as {@code additionalProperties}, standard
 * {@code format}s such as {@code date-time} for {@code java.time} types.
 *
 * @author Webhook Starter team
 */
public final class VictoolsPayloadSchemaGenerator implements PayloadSchemaGenerator {

	private final SchemaGenerator generator;

	/**
	 * Create a generator.
	 * @param jsonMapper the application's mapper, which serializes the payloads
	 */
	public VictoolsPayloadSchemaGenerator(JsonMapper jsonMapper) {
		SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(jsonMapper, SchemaVersion.DRAFT_2020_12,
				OptionPreset.PLAIN_JSON)
			.with(new JacksonSchemaModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
					JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE, JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
			.with(Option.STANDARD_FORMATS, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES, Option.PLAIN_DEFINITION_KEYS);
		this.generator = new SchemaGenerator(config.build());
	}

	@Override
	public ObjectNode generate(Class<?> payloadType) {
		return this.generator.generateSchema(payloadType);
	}

}
