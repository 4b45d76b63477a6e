package io.github.webhookstarter.autoconfigure.actuate;

import java.time.Clock;

import io.github.webhookstarter.actuate.WebhooksHealthIndicator;
import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.WebhookEndpoints;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code webhooks} health indicator, when the application has Spring Boot's health
 * support; {@code management.health.webhooks.enabled=false} turns it off.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(after = { WebhookStoreAutoConfiguration.class, WebhookOutboundAutoConfiguration.class,
		WebhookInboundAutoConfiguration.class })
@ConditionalOnClass({ AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
public final class WebhooksHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("webhooks")
	@ConditionalOnBean(DeliveryStore.class)
	@ConditionalOnMissingBean(value = WebhooksHealthIndicator.class, name = "webhooksHealthIndicator")
	WebhooksHealthIndicator webhooksHealthIndicator(DeliveryStore deliveryStore,
			ObjectProvider<WebhookEndpoints> endpoints, ObjectProvider<InboundStore> inboundStore,
			ObjectProvider<Clock> clock) {
		return new WebhooksHealthIndicator(deliveryStore, endpoints.getIfUnique(), inboundStore.getIfUnique(),
				clock.getIfUnique(Clock::systemUTC));
	}

}
