package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcDeliveryStore} on H2.
 *
 * @author Webhook Starter team
 */
class H2JdbcDeliveryStoreTests extends JdbcDeliveryStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.H2;
	}

}
