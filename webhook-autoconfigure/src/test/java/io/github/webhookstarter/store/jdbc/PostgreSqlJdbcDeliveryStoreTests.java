package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcDeliveryStore} on PostgreSQL.
 *
 * @author Webhook Starter team
 */
class PostgreSqlJdbcDeliveryStoreTests extends JdbcDeliveryStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.POSTGRESQL;
	}

}
