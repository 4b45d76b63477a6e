package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcEndpointStateStore} on H2.
 *
 * @author Webhook Starter team
 */
class H2JdbcEndpointStateStoreTests extends JdbcEndpointStateStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.H2;
	}

}
