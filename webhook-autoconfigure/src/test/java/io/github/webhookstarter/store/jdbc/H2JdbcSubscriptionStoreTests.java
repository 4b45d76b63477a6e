package io.github.webhookstarter.store.jdbc;

/**
 * Tests for {@link JdbcSubscriptionStore} on H2.
 *
 * @author Webhook Starter team
 */
class H2JdbcSubscriptionStoreTests extends JdbcSubscriptionStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.H2;
	}

}
