package io.github.webhookstarter.store.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Tests for {@link JdbcInboundStore} on PostgreSQL.
 *
 * @author Webhook Starter team
 */
@EnabledIfEnvironmentVariable(named = JdbcTestDatabase.POSTGRES_URL_VARIABLE, matches = ".+",
		disabledReason = "Set WEBHOOK_TEST_POSTGRES_URL (such as "
				+ "jdbc:postgresql://127.0.0.1:5432/webhook_test?user=postgres) to run on PostgreSQL")
class PostgreSqlJdbcInboundStoreTests extends JdbcInboundStoreTests {

	@Override
	JdbcTestDatabase database() {
		return JdbcTestDatabase.POSTGRESQL;
	}

}
