package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcInboundStore} on MariaDB.
 *
 * @author Webhook Starter team
 */
class MariaDbJdbcInboundStoreTests extends JdbcInboundStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.MARIADB;
	}

}
