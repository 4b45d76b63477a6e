package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcSubscriptionStore} on PostgreSQL.
 *
 * @author Webhook Starter team
 */
class PostgreSqlJdbcSubscriptionStoreTests extends JdbcSubscriptionStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.POSTGRESQL;
	}

}
