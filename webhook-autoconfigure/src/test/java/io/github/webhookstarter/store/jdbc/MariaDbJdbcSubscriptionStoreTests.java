package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcSubscriptionStore} on MariaDB.
 *
 * @author Webhook Starter team
 */
class MariaDbJdbcSubscriptionStoreTests extends JdbcSubscriptionStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.MARIADB;
	}

}
