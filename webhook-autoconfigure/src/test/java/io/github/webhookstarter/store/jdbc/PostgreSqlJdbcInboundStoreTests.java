package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcInboundStore} on PostgreSQL.
 *
 * @author Webhook Starter team
 */
class PostgreSqlJdbcInboundStoreTests extends JdbcInboundStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.POSTGRESQL;
	}

}
