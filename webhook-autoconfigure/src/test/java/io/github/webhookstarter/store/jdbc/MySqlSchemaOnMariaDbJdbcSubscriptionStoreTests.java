package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcSubscriptionStore} with the MySQL schema on MariaDB, in MySQL 8's SQL mode.
 *
 * @author Webhook Starter team
 */
class MySqlSchemaOnMariaDbJdbcSubscriptionStoreTests extends JdbcSubscriptionStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.MYSQL_SCHEMA_ON_MARIADB;
	}

}
