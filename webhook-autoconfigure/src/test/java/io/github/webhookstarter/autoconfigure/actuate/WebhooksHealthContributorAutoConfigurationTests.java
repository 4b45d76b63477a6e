package io.github.webhookstarter.autoconfigure.actuate;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.webhookstarter.actuate.WebhooksHealthIndicator;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhooksHealthContributorAutoConfiguration}.
 */
class WebhooksHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhookSigningAutoConfiguration.class,
				WebhookStoreAutoConfiguration.class, WebhookOutboundAutoConfiguration.class,
				WebhooksHealthContributorAutoConfiguration.class));

	@Test
	void registersTheIndicatorWithTheHealthClassesAndTheWebhookBeans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WebhooksHealthIndicator.class).hasBean("webhooksHealthIndicator");
			assertThat(context.getBean(WebhooksHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void backsOffWhenTheIndicatorIsDisabled() {
		this.contextRunner.withPropertyValues("management.health.webhooks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebhooksHealthIndicator.class));
	}

	@Test
	void backsOffWhenDefaultIndicatorsAreDisabled() {
		this.contextRunner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebhooksHealthIndicator.class));
	}

	@Test
	void backsOffWithoutTheHealthClasses() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("webhooksHealthIndicator"));
	}

	@Test
	void backsOffWithoutADeliveryStore() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebhooksHealthIndicator.class));
	}

	@Test
	void backsOffForAUserIndicator() {
		this.contextRunner.withUserConfiguration(UserIndicatorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(WebhooksHealthIndicator.class);
			assertThat(context).hasBean("myWebhooksHealthIndicator").doesNotHaveBean("webhooksHealthIndicator");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserIndicatorConfiguration {

		@Bean
		WebhooksHealthIndicator myWebhooksHealthIndicator() {
			return new WebhooksHealthIndicator(new InMemoryDeliveryStore(), null, null);
		}

	}

}
