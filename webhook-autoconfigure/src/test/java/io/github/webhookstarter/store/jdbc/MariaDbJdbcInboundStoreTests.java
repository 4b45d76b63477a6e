package io.github.webhookstarter.store.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Tests for {@link JdbcInboundStore} on MariaDB.
 *
 * @author Webhook Starter team
 */
@EnabledIfEnvironmentVariable(named = JdbcTestDatabase.MARIADB_URL_VARIABLE, matches = ".+",
		disabledReason = "Set WEBHOOK_TEST_MARIADB_URL (such as "
				+ "jdbc:mariadb://127.0.0.1:3306/webhook_test?user=root) to run on MariaDB")
class MariaDbJdbcInboundStoreTests extends JdbcInboundStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.MARIADB;
	}

}
