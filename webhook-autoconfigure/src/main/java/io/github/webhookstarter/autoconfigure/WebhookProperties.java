package io.github.webhookstarter.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the webhook starter.
 *
 * @author Webhook Starter team
 */
@ConfigurationProperties("webhook")
public class WebhookProperties {

	/**
	 * Where received calls and deliveries are stored: auto (JDBC when the application has a
	 * DataSource, else memory), memory or jdbc.
	 */
	private StoreType store = StoreType.AUTO;

	/**
	 * How long processed calls and delivered messages are kept before they are purged.
	 */
	private Duration retention = Duration.ofDays(7);

	public StoreType getStore() {
		return this.store;
	}

	public void setStore(StoreType store) {
		this.store = store;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	/**
	 * Where received calls and deliveries are stored.
	 */
	public enum StoreType {

		/**
		 * JDBC when the application has a DataSource, else memory.
		 */
		AUTO,

		/**
		 * In memory: fast, not durable.
		 */
		MEMORY,

		/**
		 * In the application's database, durable and shared by its instances.
		 */
		JDBC

	}

}
