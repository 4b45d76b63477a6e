package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcDeliveryStore} with the MySQL schema on MariaDB, in MySQL 8's SQL mode.
 *
 * @author Webhook Starter team
 */
class MySqlSchemaOnMariaDbJdbcDeliveryStoreTests extends JdbcDeliveryStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.MYSQL_SCHEMA_ON_MARIADB;
	}

}
