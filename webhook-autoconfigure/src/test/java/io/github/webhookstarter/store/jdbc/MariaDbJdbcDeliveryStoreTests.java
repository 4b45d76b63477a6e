package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcDeliveryStore} on MariaDB.
 *
 * @author Webhook Starter team
 */
class MariaDbJdbcDeliveryStoreTests extends JdbcDeliveryStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.MARIADB;
	}

}
