package io.github.webhookstarter.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata generated from {@link WebhookProperties} describes every property,
 * so that IDEs can explain them.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyHasADescription() throws Exception {
		JsonNode metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> names = new ArrayList<>();
		List<String> undescribed = new ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asString();
			names.add(name);
			if (property.path("description").asString("").isBlank()) {
				undescribed.add(name);
			}
		}
		assertThat(names).contains("webhook.inbound.max-inflate-ratio", "webhook.inbound.sources",
				"webhook.inbound.memory.max-calls", "webhook.outbound.max-concurrency", "webhook.outbound.endpoints",
				"webhook.outbound.memory.max-deliveries");
		assertThat(undescribed).isEmpty();
	}

}
