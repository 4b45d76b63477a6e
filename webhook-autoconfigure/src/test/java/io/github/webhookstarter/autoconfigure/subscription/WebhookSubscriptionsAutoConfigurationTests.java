package io.github.webhookstarter.autoconfigure.subscription;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.subscription.Subscription;
import io.github.webhookstarter.subscription.SubscriptionController;
import io.github.webhookstarter.subscription.SubscriptionEndpoints;
import io.github.webhookstarter.subscription.SubscriptionRequest;
import io.github.webhookstarter.subscription.WebhookSubscriptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration of dynamic subscriptions, condition by condition.
 */
class WebhookSubscriptionsAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(
			WebhookSigningAutoConfiguration.class, WebhookStoreAutoConfiguration.class,
			WebhookOutboundAutoConfiguration.class, WebhookSubscriptionsAutoConfiguration.class);

	private final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS)
		.withPropertyValues("webhook.store=memory");

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
		.withPropertyValues("webhook.store=memory");

	@Test
	void disabledByDefault() {
		this.webRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(WebhookSubscriptions.class)
			.doesNotHaveBean(SubscriptionEndpoints.class)
			.doesNotHaveBean(SubscriptionController.class));
	}

	@Test
	void enabledDeliversToSubscriptionsThroughTheEndpoints() {
		this.webRunner
			.withPropertyValues("webhook.subscriptions.enabled=true", "webhook.subscriptions.timeout=3s")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(WebhookSubscriptions.class)
					.hasSingleBean(SubscriptionController.class);
				Subscription subscription = context.getBean(WebhookSubscriptions.class)
					.create("alice", SubscriptionRequest.of(URI.create("https://93.184.215.14/"), "order.*"));
				WebhookEndpoints endpoints = context.getBean(WebhookEndpoints.class);
				assertThat(endpoints.get(subscription.id())).isNotNull()
					.satisfies((endpoint) -> assertThat(endpoint.timeout()).hasSeconds(3));
			});
	}

	@Test
	void withoutAWebApplicationThereIsNoApiButSubscriptionsAreDelivered() {
		this.runner.withPropertyValues("webhook.subscriptions.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WebhookSubscriptions.class)
				.doesNotHaveBean(SubscriptionController.class));
	}

	@Test
	void apiWithoutSpringSecurityFailsUnlessAnonymousCallersAreAllowed() {
		WebApplicationContextRunner withoutSecurity = this.webRunner
			.withClassLoader(new FilteredClassLoader(Authentication.class))
			.withPropertyValues("webhook.subscriptions.enabled=true");
		withoutSecurity.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOf(InvalidWebhookConfigurationException.class)
			.hasMessageContaining("without Spring Security")
			.satisfies((ex) -> assertThat(((InvalidWebhookConfigurationException) ex).getAction())
				.contains("spring-boot-starter-security")
				.contains("webhook.subscriptions.allow-anonymous")));
		withoutSecurity.withPropertyValues("webhook.subscriptions.allow-anonymous=true")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SubscriptionController.class));
	}

	@Test
	void unknownDefaultSignatureFailsStartup() {
		this.runner.withPropertyValues("webhook.subscriptions.enabled=true", "webhook.subscriptions.signature=nope")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidWebhookConfigurationException.class)
				.hasMessageContaining("signature 'nope'"));
	}

	@Test
	void withTheOutboundSideDisabledStartupSaysSo() {
		this.runner.withPropertyValues("webhook.subscriptions.enabled=true", "webhook.outbound.enabled=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidWebhookConfigurationException.class)
				.hasMessageContaining("outbound side, which is disabled"));
	}

	@Test
	void misspelledPropertyIsReported() {
		this.runner.withPropertyValues("webhook.subscriptions.enabled=true", "webhook.subscriptions.max-per-ownr=3")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("webhook.subscriptions.max-per-owner"));
	}

	@Test
	void applicationsOwnBeansWin() {
		this.webRunner.withPropertyValues("webhook.subscriptions.enabled=true")
			.withUserConfiguration(OwnController.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(SubscriptionController.class)
				.isSameAs(context.getBean(OwnController.class).controller));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnController {

		SubscriptionController controller;

		@Bean
		SubscriptionController ownSubscriptionController(WebhookSubscriptions subscriptions) {
			this.controller = new SubscriptionController(subscriptions, true);
			return this.controller;
		}

	}

}
