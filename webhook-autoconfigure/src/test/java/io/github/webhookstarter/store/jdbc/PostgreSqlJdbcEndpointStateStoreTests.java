package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcEndpointStateStore} on PostgreSQL.
 *
 * @author Webhook Starter team
 */
class PostgreSqlJdbcEndpointStateStoreTests extends JdbcEndpointStateStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.POSTGRESQL;
	}

}
