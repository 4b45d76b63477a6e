package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcInboundStore} on H2.
 *
 * @author Webhook Starter team
 */
class H2JdbcInboundStoreTests extends JdbcInboundStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.H2;
	}

}
