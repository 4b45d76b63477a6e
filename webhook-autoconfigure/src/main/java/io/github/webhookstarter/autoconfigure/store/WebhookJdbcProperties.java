package io.github.webhookstarter.autoconfigure.store;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration properties of the JDBC stores.
 *
 * @author Webhook Starter team
 */
@ConfigurationProperties("webhook.jdbc")
public class WebhookJdbcProperties extends DatabaseInitializationProperties {

	private static final String DEFAULT_SCHEMA_LOCATION = "classpath:io/github/webhookstarter/store/jdbc/schema-@@platform@@.sql";

	/**
	 * Prefix of the names of the tables; the schema files use the default, so another
	 * prefix means copying them with the tables renamed.
	 */
	private String tablePrefix = "webhook_";

	public WebhookJdbcProperties() {
		setInitializeSchema(DatabaseInitializationMode.EMBEDDED);
	}

	public String getTablePrefix() {
		return this.tablePrefix;
	}

	public void setTablePrefix(String tablePrefix) {
		this.tablePrefix = tablePrefix;
	}

	@Override
	public String getDefaultSchemaLocation() {
		return DEFAULT_SCHEMA_LOCATION;
	}

}
