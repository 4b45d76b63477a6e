package io.github.webhookstarter.autoconfigure.actuate;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.webhookstarter.actuate.PayloadSchemaGenerator;
import io.github.webhookstarter.actuate.VictoolsPayloadSchemaGenerator;
import io.github.webhookstarter.actuate.WebhookEventOperations.EventsDescriptor;
import io.github.webhookstarter.actuate.WebhooksEndpoint;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.outbound.WebhookEventTypes;
import io.github.webhookstarter.outbound.WebhookPublisher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the event type operations that {@link WebhooksEndpointAutoConfiguration} gives the
 * {@code webhooks} endpoint.
 */
class WebhookEventOperationsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhookSigningAutoConfiguration.class,
				WebhookStoreAutoConfiguration.class, WebhookOutboundAutoConfiguration.class,
				WebhooksEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=webhooks");

	record Paid(String invoice) {

	}

	@Test
	void generatesSchemasWithVictoolsWhenPresent() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WebhookEventTypes.class)
				.getBean(PayloadSchemaGenerator.class)
				.isInstanceOf(VictoolsPayloadSchemaGenerator.class);
			context.getBean(WebhookPublisher.class).publish("invoice.paid", new Paid("inv_1"));
			WebhooksEndpoint endpoint = context.getBean(WebhooksEndpoint.class);
			assertThat(((EventsDescriptor) endpoint.list("events", null, null, null, null)).events()).singleElement()
				.satisfies((event) -> assertThat(event.payloadClass()).isEqualTo(Paid.class.getName()));
			assertThat(endpoint.aspect("events", "invoice.paid", "schema")).containsKey("properties");
		});
	}

	@Test
	void listsEventsWithoutSchemasWithoutVictools() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.github.victools")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(PayloadSchemaGenerator.class);
			context.getBean(WebhookPublisher.class).publish("invoice.paid", new Paid("inv_1"));
			WebhooksEndpoint endpoint = context.getBean(WebhooksEndpoint.class);
			assertThat(((EventsDescriptor) endpoint.list("events", null, null, null, null)).events()).hasSize(1);
			assertThat(endpoint.aspect("events", "invoice.paid", "schema")).isNull();
			assertThat(endpoint.list("openapi", null, null, null, null)).isInstanceOf(Map.class);
		});
	}

	@Test
	void usesTheApplicationsSchemaGenerator() {
		this.contextRunner.withUserConfiguration(UserGeneratorConfiguration.class).run((context) -> {
			assertThat(context).getBean(PayloadSchemaGenerator.class).isSameAs(context.getBean("myGenerator"));
			context.getBean(WebhookPublisher.class).publish("invoice.paid", new Paid("inv_1"));
			assertThat(context.getBean(WebhooksEndpoint.class).aspect("events", "invoice.paid", "schema"))
				.containsEntry("title", "mine");
		});
	}

	@Test
	void hasNoEventOperationsWhenTheOutboundSideIsOff() {
		this.contextRunner.withPropertyValues("webhook.outbound.enabled=false").run((context) -> {
			WebhooksEndpoint endpoint = context.getBean(WebhooksEndpoint.class);
			assertThat(endpoint.list("events", null, null, null, null)).isNull();
			assertThat(endpoint.list("openapi", null, null, null, null)).isNull();
		});
	}

	@Test
	void generatesNoSchemaWhenTheEndpointIsNotExposed() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhookSigningAutoConfiguration.class,
					WebhookStoreAutoConfiguration.class, WebhookOutboundAutoConfiguration.class,
					WebhooksEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PayloadSchemaGenerator.class)
				.doesNotHaveBean(WebhooksEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserGeneratorConfiguration {

		@Bean
		PayloadSchemaGenerator myGenerator() {
			return (type) -> {
				ObjectNode schema = JsonNodeFactory.instance.objectNode();
				return schema.put("title", "mine");
			};
		}

	}

}
