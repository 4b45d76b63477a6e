package io.github.webhookstarter.autoconfigure.store;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;

/**
 * Creates the tables of the JDBC stores from {@code schema-@@platform@@.sql}, as
 * {@code webhook.jdbc.initialize-schema} says.
 *
 * @author Webhook Starter team
 */
public class WebhookDataSourceScriptDatabaseInitializer
		extends PropertiesBasedDataSourceScriptDatabaseInitializer<WebhookJdbcProperties> {

	/**
	 * Create an initializer.
	 * @param dataSource the data source of the stores
	 * @param properties the JDBC properties
	 */
	public WebhookDataSourceScriptDatabaseInitializer(DataSource dataSource, WebhookJdbcProperties properties) {
		super(dataSource, properties);
	}

}
