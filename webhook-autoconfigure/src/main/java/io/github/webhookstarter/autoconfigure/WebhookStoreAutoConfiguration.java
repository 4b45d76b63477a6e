package io.github.webhookstarter.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;
import io.github.webhookstarter.store.memory.InMemoryInboundStore;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the stores of received calls and of deliveries, in memory unless the application
 * provides its own.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(before = { WebhookInboundAutoConfiguration.class, WebhookOutboundAutoConfiguration.class })
@EnableConfigurationProperties(WebhookProperties.class)
public final class WebhookStoreAutoConfiguration {

	private static final Log logger = LogFactory.getLog(WebhookStoreAutoConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	static class MemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		InboundStore webhookInboundStore(WebhookProperties properties) {
			checkMemoryAllowed(properties);
			logger.info("Webhook inbound store: in memory, not durable; received webhooks not yet dispatched are "
					+ "lost when the application stops");
			return new InMemoryInboundStore();
		}

		@Bean
		@ConditionalOnMissingBean
		DeliveryStore webhookDeliveryStore(WebhookProperties properties) {
			checkMemoryAllowed(properties);
			logger.info("Webhook delivery store: in memory, not durable; webhooks not yet delivered are lost when "
					+ "the application stops");
			return new InMemoryDeliveryStore();
		}

		private static void checkMemoryAllowed(WebhookProperties properties) {
			if (properties.getStore() == WebhookProperties.StoreType.JDBC) {
				throw new InvalidWebhookConfigurationException("Webhook store",
						"'webhook.store' is jdbc, but the application has no single DataSource",
						"Configure a DataSource (for example spring.datasource.url), or set 'webhook.store' to auto "
								+ "or memory.");
			}
		}

	}

}
