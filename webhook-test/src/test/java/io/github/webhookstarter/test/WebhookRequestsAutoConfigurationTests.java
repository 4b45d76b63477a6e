package io.github.webhookstarter.test;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.webhookstarter.inbound.WebhookSources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WebhookRequestsAutoConfiguration} provides {@link WebhookRequests} for the
 * application's sources only, and backs off for the application's own.
 */
class WebhookRequestsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhookRequestsAutoConfiguration.class));

	@Test
	void providesWebhookRequestsForTheSources() {
		this.runner.withUserConfiguration(SourcesConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(WebhookRequests.class));
	}

	@Test
	void backsOffWithoutSources() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(WebhookRequests.class));
	}

	@Test
	void backsOffForTheApplicationsOwn() {
		this.runner.withUserConfiguration(SourcesConfiguration.class, CustomConfiguration.class)
			.run((context) -> assertThat(context).getBean(WebhookRequests.class)
				.isSameAs(context.getBean(CustomConfiguration.class).webhookRequests));
	}

	@Configuration(proxyBeanMethods = false)
	static class SourcesConfiguration {

		@Bean
		WebhookSources webhookSources() {
			return new WebhookSources("/webhooks", List.of());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConfiguration {

		final WebhookRequests webhookRequests = new WebhookRequests(new WebhookSources("/hooks", List.of()),
				JsonMapper.builder().build());

		@Bean
		WebhookRequests customWebhookRequests() {
			return this.webhookRequests;
		}

	}

}
