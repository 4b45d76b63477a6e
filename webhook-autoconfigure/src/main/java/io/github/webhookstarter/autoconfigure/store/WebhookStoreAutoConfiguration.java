package io.github.webhookstarter.autoconfigure.store;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.github.webhookstarter.autoconfigure.UnknownWebhookPropertiesCheck;
import io.github.webhookstarter.autoconfigure.WebhookProperties;
import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.store.StorePurger;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the stores of received calls, of deliveries, of the state of endpoints and of dynamic
 * subscriptions: JDBC when the application has a single {@link DataSource} (unless
 * {@code webhook.store} is {@code memory}), in memory otherwise, unless the application
 * provides its own; and of the {@link StorePurger} that deletes what they keep past
 * {@code webhook.retention}. The JDBC subscription store encodes secrets with the
 * application's {@link io.github.webhookstarter.subscription.SecretCodec}, if it has one.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(before = { WebhookInboundAutoConfiguration.class, WebhookOutboundAutoConfiguration.class },
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(WebhookProperties.class)
@Import({ UnknownWebhookPropertiesCheck.class, StoreConfigurations.Jdbc.class, StoreConfigurations.Memory.class })
public final class WebhookStoreAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StorePurger webhookStorePurger(WebhookProperties properties, ObjectProvider<InboundStore> inboundStore,
			ObjectProvider<DeliveryStore> deliveryStore, ObjectProvider<Clock> clock,
			ObjectProvider<ThreadPoolTaskSchedulerBuilder> schedulerBuilder) {
		return new StorePurger(inboundStore.getIfUnique(), deliveryStore.getIfUnique(), properties.getRetention(),
				clock.getIfUnique(Clock::systemUTC), schedulerBuilder.getIfAvailable(ThreadPoolTaskSchedulerBuilder::new));
	}

}
