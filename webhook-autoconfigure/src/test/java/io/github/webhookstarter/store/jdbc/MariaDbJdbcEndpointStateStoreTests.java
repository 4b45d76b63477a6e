package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcEndpointStateStore} on MariaDB.
 *
 * @author Webhook Starter team
 */
class MariaDbJdbcEndpointStateStoreTests extends JdbcEndpointStateStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.MARIADB;
	}

}
