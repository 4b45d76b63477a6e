package io.github.webhookstarter.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the stores of received calls and of deliveries: JDBC when the application has a single
 * {@link DataSource} (unless {@code webhook.store} is {@code memory}), in memory otherwise,
 * unless the application provides its own.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(before = { WebhookInboundAutoConfiguration.class, WebhookOutboundAutoConfiguration.class },
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(WebhookProperties.class)
@Import({ StoreConfigurations.Jdbc.class, StoreConfigurations.Memory.class })
public final class WebhookStoreAutoConfiguration {

}
