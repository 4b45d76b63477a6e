package io.github.webhookstarter.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhookSecurityAutoConfiguration}.
 */
class WebhookSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, WebhookSigningAutoConfiguration.class,
				WebhookStoreAutoConfiguration.class,
				WebhookInboundAutoConfiguration.class,
				WebhookSecurityAutoConfiguration.class))
		.withPropertyValues("webhook.inbound.sources.open.allow-unauthenticated=true");

	@Test
	void addsWebhookChainAndKeepsBootsDefaultChain() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("webhookSecurityFilterChain");
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
		});
	}

	@Test
	void backsOffWithoutSpringSecurityWeb() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
			.run((context) -> assertThat(context).doesNotHaveBean("webhookSecurityFilterChain"));
	}

	@Test
	void backsOffWhenInboundIsDisabled() {
		this.contextRunner.withPropertyValues("webhook.inbound.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("webhookSecurityFilterChain"));
	}

}
