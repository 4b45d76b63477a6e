package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcInboundStore} with the MySQL schema on MariaDB, in MySQL 8's SQL mode.
 *
 * @author Webhook Starter team
 */
class MySqlSchemaOnMariaDbJdbcInboundStoreTests extends JdbcInboundStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.MYSQL_SCHEMA_ON_MARIADB;
	}

}
