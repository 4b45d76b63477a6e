package io.github.webhookstarter.autoconfigure.actuate;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.webhookstarter.actuate.WebhooksEndpoint;
import io.github.webhookstarter.actuate.WebhooksEndpointWebExtension;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhooksEndpointAutoConfiguration}.
 */
class WebhooksEndpointAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			WebhookSigningAutoConfiguration.class, WebhookStoreAutoConfiguration.class,
			WebhookOutboundAutoConfiguration.class, WebhooksEndpointAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final WebApplicationContextRunner webContextRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void registersTheEndpointWhenExposedOnTheWeb() {
		this.webContextRunner.withPropertyValues("management.endpoints.web.exposure.include=webhooks")
			.run((context) -> assertThat(context).hasSingleBean(WebhooksEndpoint.class)
				.hasSingleBean(WebhooksEndpointWebExtension.class));
	}

	@Test
	void registersTheEndpointWithoutItsWebExtensionWhenExposedOverJmxOnly() {
		this.contextRunner
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=webhooks")
			.run((context) -> assertThat(context).hasSingleBean(WebhooksEndpoint.class)
				.doesNotHaveBean(WebhooksEndpointWebExtension.class));
	}

	@Test
	void backsOffWhenNotExposed() {
		this.webContextRunner.run((context) -> assertThat(context).doesNotHaveBean(WebhooksEndpoint.class)
			.doesNotHaveBean(WebhooksEndpointWebExtension.class));
	}

	@Test
	void backsOffWhenAccessIsNone() {
		this.webContextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=webhooks",
					"management.endpoint.webhooks.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(WebhooksEndpoint.class));
	}

	@Test
	void backsOffWithoutTheActuator() {
		this.webContextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("management.endpoints.web.exposure.include=webhooks")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("webhooksEndpoint"));
	}

	@Test
	void backsOffWithoutADeliveryStore() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=webhooks")
			.run((context) -> assertThat(context).doesNotHaveBean(WebhooksEndpoint.class));
	}

	@Test
	void backsOffForAUserEndpoint() {
		this.webContextRunner.withUserConfiguration(UserEndpointConfiguration.class)
			.withPropertyValues("management.endpoints.web.exposure.include=webhooks")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebhooksEndpoint.class).hasBean("myWebhooksEndpoint");
				assertThat(context).hasSingleBean(WebhooksEndpointWebExtension.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		WebhooksEndpoint myWebhooksEndpoint() {
			return new WebhooksEndpoint(new InMemoryDeliveryStore(), null, null, null, null, null, null,
					Clock.systemUTC());
		}

	}

}
