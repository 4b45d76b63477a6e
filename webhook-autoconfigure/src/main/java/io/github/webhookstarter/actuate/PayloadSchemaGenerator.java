package io.github.webhookstarter.actuate;

import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the JSON Schema of the payload of webhook events, which the {@code webhooks}
 * actuator endpoint shows and puts into its OpenAPI document. The auto-configuration defines
 * one with the victools {@code jsonschema-generator} and its Jackson module when they are on
 * the class path; a bean of this type replaces it.
 *
 * @author Webhook Starter team
 */
@FunctionalInterface
public interface PayloadSchemaGenerator {

	/**
	 * Generate the schema of a payload type: a JSON Schema of draft 2020-12, its nested types
	 * under {@code $defs} referenced as {@code #/$defs/NAME}, the payload type itself as
	 * {@code #} where it nests itself.
	 * @param payloadType the class of the payload
	 * @return the schema
	 */
	ObjectNode generate(Class<?> payloadType);

}
