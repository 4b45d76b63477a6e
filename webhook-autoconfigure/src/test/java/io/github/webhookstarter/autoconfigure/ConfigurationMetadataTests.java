package io.github.webhookstarter.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import io.github.webhookstarter.autoconfigure.inbound.WebhookSourceProperties;
import io.github.webhookstarter.autoconfigure.outbound.WebhookEndpointProperties;
import io.github.webhookstarter.autoconfigure.signing.HmacSignatureProperties;
import io.github.webhookstarter.signing.SignatureSchemes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata generated from {@link WebhookProperties} and merged with
 * {@code additional-spring-configuration-metadata.json} describes every property, so that IDEs
 * can explain them, and lists the values of those that take one of a few.
 */
class ConfigurationMetadataTests {

	private static final String SOURCE_PREFIX = "webhook.inbound.sources.*.";

	private static final String ENDPOINT_PREFIX = "webhook.outbound.endpoints[*].";

	private final JsonNode metadata = readMetadata();

	private final Map<String, JsonNode> properties = byName(this.metadata.path("properties"));

	private final Map<String, JsonNode> hints = byName(this.metadata.path("hints"));

	@Test
	void everyPropertyHasADescription() {
		List<String> undescribed = new ArrayList<>();
		this.properties.forEach((name, property) -> {
			if (property.path("description").asString("").isBlank()) {
				undescribed.add(name);
			}
		});
		assertThat(this.properties).containsKeys("webhook.inbound.max-inflate-ratio", "webhook.inbound.sources",
				"webhook.inbound.memory.max-calls", "webhook.outbound.max-concurrency", "webhook.outbound.endpoints",
				"webhook.outbound.memory.max-deliveries", "webhook.jdbc.initialize-schema");
		assertThat(undescribed).isEmpty();
	}

	// the configuration processor does not descend into map values and list elements, so these
	// entries are written by hand: derived from the classes, the expected ones follow every change
	@Test
	void everyPropertyOfASourceAndOfAnEndpointIsDescribedWithItsType() {
		Map<String, String> expected = new TreeMap<>();
		collectProperties(SOURCE_PREFIX, WebhookSourceProperties.class, expected);
		collectProperties(ENDPOINT_PREFIX, WebhookEndpointProperties.class, expected);
		Map<String, String> described = new TreeMap<>();
		this.properties.forEach((name, property) -> {
			if (name.startsWith(SOURCE_PREFIX) || name.startsWith(ENDPOINT_PREFIX)) {
				described.put(name, property.path("type").asString());
			}
		});
		assertThat(described).isEqualTo(expected);
	}

	@Test
	void backoffOfAnEndpointIsDescribedAsTheInboundBackoff() {
		this.properties.forEach((name, property) -> {
			if (name.startsWith("webhook.inbound.backoff.")) {
				JsonNode endpointProperty = this.properties
					.get(ENDPOINT_PREFIX + name.substring("webhook.inbound.".length()));
				assertThat(endpointProperty).as(name).isNotNull();
				assertThat(endpointProperty.path("description")).as(name).isEqualTo(property.path("description"));
			}
		});
	}

	@Test
	void everyEnumPropertyHintsEachValueWithADescription() {
		List<String> enumProperties = new ArrayList<>();
		this.properties.forEach((name, property) -> {
			Class<?> type = enumType(property.path("type").asString());
			if (type != null) {
				enumProperties.add(name);
				List<String> constants = Arrays.stream(type.getEnumConstants())
					.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
					.toList();
				assertThat(hintedValues(name)).as(name).containsExactlyInAnyOrderElementsOf(constants);
			}
		});
		assertThat(enumProperties).contains("webhook.store", "webhook.inbound.mode",
				SOURCE_PREFIX + "signed-bytes", ENDPOINT_PREFIX + "compression", ENDPOINT_PREFIX + "hmac.encoding",
				"webhook.outbound.envelope", "webhook.outbound.before-phase-failure", "webhook.jdbc.initialize-schema");
	}

	@Test
	void everySignaturePropertyHintsEveryBuiltInSchemeAndAllowsCustomOnes() {
		Set<String> schemes = new LinkedHashSet<>(new SignatureSchemes(List.of()).names());
		schemes.add("hmac");
		for (String name : List.of("webhook.outbound.signature", SOURCE_PREFIX + "signature",
				ENDPOINT_PREFIX + "signature")) {
			assertThat(this.properties).containsKey(name);
			assertThat(hintedValues(name)).as(name).containsExactlyElementsOf(schemes);
			assertThat(this.hints.get(name).path("providers").findValuesAsString("name")).as(name).containsExactly("any");
		}
	}

	@Test
	void everyHintNamesAPropertyAndDescribesEachValue() {
		this.hints.forEach((name, hint) -> {
			assertThat(this.properties).containsKey(name);
			for (JsonNode value : hint.path("values")) {
				assertThat(value.path("description").asString("")).as(name + " " + value).isNotBlank();
			}
		});
		assertThat(this.hints).containsKeys(SOURCE_PREFIX + "hmac.algorithm", ENDPOINT_PREFIX + "hmac.algorithm");
	}

	private List<String> hintedValues(String name) {
		JsonNode hint = this.hints.get(name);
		assertThat(hint).as("hint of " + name).isNotNull();
		List<String> values = new ArrayList<>();
		for (JsonNode value : hint.path("values")) {
			assertThat(value.path("description").asString("")).as(name + " " + value).isNotBlank();
			values.add(value.path("value").asString());
		}
		return values;
	}

	private static void collectProperties(String prefix, Class<?> type, Map<String, String> properties) {
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			Method getter = property.getReadMethod();
			if (getter == null || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			String name = prefix + DataObjectPropertyName.toDashedForm(property.getName());
			Class<?> propertyType = getter.getReturnType();
			if (propertyType == HmacSignatureProperties.class || propertyType == BackoffProperties.class) {
				collectProperties(name + ".", propertyType, properties);
			}
			else {
				properties.put(name, typeName(getter.getGenericReturnType()));
			}
		}
	}

	// as the configuration processor writes types: primitives boxed, no space between generics
	private static String typeName(Type type) {
		if (type instanceof Class<?> rawType) {
			return ClassUtils.resolvePrimitiveIfNecessary(rawType).getName();
		}
		return type.getTypeName().replace(", ", ",");
	}

	private static Class<?> enumType(String typeName) {
		if (!ClassUtils.isPresent(typeName, null)) {
			return null;
		}
		Class<?> type = ClassUtils.resolveClassName(typeName, null);
		return type.isEnum() ? type : null;
	}

	private static JsonNode readMetadata() {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, JsonNode> byName(JsonNode items) {
		Map<String, JsonNode> byName = new LinkedHashMap<>();
		for (JsonNode item : items) {
			byName.put(item.path("name").asString(), item);
		}
		return byName;
	}

}
