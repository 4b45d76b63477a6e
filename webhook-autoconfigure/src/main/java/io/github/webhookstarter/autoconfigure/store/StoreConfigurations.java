package io.github.webhookstarter.autoconfigure.store;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.WebhookProperties;
import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundProperties;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundProperties;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.store.jdbc.JdbcDeliveryStore;
import io.github.webhookstarter.store.jdbc.JdbcEndpointStateStore;
import io.github.webhookstarter.store.jdbc.JdbcInboundStore;
import io.github.webhookstarter.store.jdbc.JdbcStores;
import io.github.webhookstarter.store.jdbc.JdbcSubscriptionStore;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;
import io.github.webhookstarter.store.memory.InMemoryEndpointStateStore;
import io.github.webhookstarter.store.memory.InMemoryInboundStore;
import io.github.webhookstarter.store.memory.InMemorySubscriptionStore;
import io.github.webhookstarter.subscription.SecretCodec;
import io.github.webhookstarter.subscription.SubscriptionStore;

/**
 * The store configurations that {@link WebhookStoreAutoConfiguration} imports, in order: JDBC
 * first, so that memory is only the fallback.
 *
 * @author Webhook Starter team
 */
final class StoreConfigurations {

	private static final Log logger = LogFactory.getLog(StoreConfigurations.class);

	private StoreConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JdbcTemplate.class, PropertiesBasedDataSourceScriptDatabaseInitializer.class })
	@ConditionalOnSingleCandidate(DataSource.class)
	@ConditionalOnExpression("'${webhook.store:auto}'.toLowerCase() != 'memory'")
	@EnableConfigurationProperties(WebhookJdbcProperties.class)
	@Import(DatabaseInitializationDependencyConfigurer.class)
	static class Jdbc {

		// one id per instance of the application, recorded with the rows it claims
		private final String owner = JdbcStores.owner();

		@Bean
		@ConditionalOnMissingBean
		WebhookDataSourceScriptDatabaseInitializer webhookDataSourceScriptDatabaseInitializer(DataSource dataSource,
				WebhookJdbcProperties properties) {
			return new WebhookDataSourceScriptDatabaseInitializer(dataSource, properties);
		}

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		InboundStore webhookJdbcInboundStore(DataSource dataSource, WebhookJdbcProperties properties) {
			logger.info("Webhook inbound store: JDBC, durable, tables " + properties.getTablePrefix() + "*");
			return new JdbcInboundStore(dataSource, properties.getTablePrefix(), this.owner);
		}

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		DeliveryStore webhookJdbcDeliveryStore(DataSource dataSource, WebhookJdbcProperties properties) {
			logger.info("Webhook delivery store: JDBC, durable, tables " + properties.getTablePrefix() + "*");
			return new JdbcDeliveryStore(dataSource, properties.getTablePrefix(), this.owner);
		}

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		EndpointStateStore webhookJdbcEndpointStateStore(DataSource dataSource, WebhookJdbcProperties properties) {
			logger.info("Webhook endpoint state store: JDBC, shared by every instance, table "
					+ properties.getTablePrefix() + "endpoint_state");
			return new JdbcEndpointStateStore(dataSource, properties.getTablePrefix());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty("webhook.subscriptions.enabled")
		@DependsOnDatabaseInitialization
		SubscriptionStore webhookJdbcSubscriptionStore(DataSource dataSource, WebhookJdbcProperties properties,
				ObjectProvider<SecretCodec> secretCodec) {
			logger.info("Webhook subscription store: JDBC, shared by every instance, tables "
					+ properties.getTablePrefix() + "subscription*");
			// an ambiguous codec fails rather than leave the secrets unencoded
			return new JdbcSubscriptionStore(dataSource, properties.getTablePrefix(),
					secretCodec.getIfAvailable(() -> SecretCodec.NONE));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ WebhookInboundProperties.class, WebhookOutboundProperties.class })
	static class Memory {

		@Bean
		@ConditionalOnMissingBean
		InboundStore webhookInMemoryInboundStore(WebhookProperties properties, WebhookInboundProperties inbound) {
			checkMemoryAllowed(properties);
			int maxCalls = positive(inbound.getMemory().getMaxCalls(),
					"webhook.inbound.memory.max-calls");
			logger.info("Webhook inbound store: in memory, not durable, at most " + maxCalls + " calls; received "
					+ "webhooks not yet dispatched are lost when the application stops");
			return new InMemoryInboundStore(maxCalls);
		}

		@Bean
		@ConditionalOnMissingBean
		DeliveryStore webhookInMemoryDeliveryStore(WebhookProperties properties, WebhookOutboundProperties outbound) {
			checkMemoryAllowed(properties);
			int maxDeliveries = positive(outbound.getMemory().getMaxDeliveries(),
					"webhook.outbound.memory.max-deliveries");
			logger.info("Webhook delivery store: in memory, not durable, at most " + maxDeliveries + " deliveries; "
					+ "webhooks not yet delivered are lost when the application stops");
			return new InMemoryDeliveryStore(maxDeliveries);
		}

		@Bean
		@ConditionalOnMissingBean
		EndpointStateStore webhookInMemoryEndpointStateStore(WebhookProperties properties) {
			checkMemoryAllowed(properties);
			logger.info("Webhook endpoint state store: in memory, this instance's alone; endpoints disabled at "
					+ "runtime are enabled again when the application stops");
			return new InMemoryEndpointStateStore();
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty("webhook.subscriptions.enabled")
		SubscriptionStore webhookInMemorySubscriptionStore(WebhookProperties properties) {
			checkMemoryAllowed(properties);
			logger.info("Webhook subscription store: in memory, this instance's alone; subscriptions created at "
					+ "runtime are lost when the application stops");
			return new InMemorySubscriptionStore();
		}

		private static void checkMemoryAllowed(WebhookProperties properties) {
			if (properties.getStore() == WebhookProperties.StoreType.JDBC) {
				throw new InvalidWebhookConfigurationException("Webhook store",
						"'webhook.store' is jdbc, but the application has no single DataSource",
						"Configure a DataSource (for example spring.datasource.url), or set 'webhook.store' to auto "
								+ "or memory.");
			}
		}

		private static int positive(int max, String property) {
			if (max < 1) {
				throw new InvalidWebhookConfigurationException("Webhook store",
						"'" + property + "' is " + max + ", but the store must hold something",
						"Set '" + property + "' to a number of at least 1.");
			}
			return max;
		}

	}

}
