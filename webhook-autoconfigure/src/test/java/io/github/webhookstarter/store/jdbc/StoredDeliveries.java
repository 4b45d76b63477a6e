package io.github.webhookstarter.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.webhookstarter.outbound.WebhookMessage;

/**
 * Work stored for the fault tests whose instances deliver from a shared database, and what
 * they read back from it.
 */
final class StoredDeliveries {

	private StoredDeliveries() {
	}

	/**
	 * Store messages {@code msg_0} to {@code msg_<count - 1>}, each pending for the endpoint
	 * {@code receiver}, in one transaction, which the store joins: one commit rather than thousands.
	 * @param dataSource the shared database
	 * @param count how many
	 */
	static void savePending(DataSource dataSource, int count) {
		JdbcDeliveryStore store = new JdbcDeliveryStore(dataSource);
		byte[] body = "{\"type\":\"order.created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
		new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult((status) -> {
			for (int i = 0; i < count; i++) {
				store.save(new WebhookMessage("msg_" + i, "order.created", Instant.now(), body), List.of("receiver"));
			}
		});
	}

	/**
	 * Run a {@code SELECT COUNT(*)}.
	 * @param jdbc the shared database
	 * @param sql the query
	 * @return the count
	 */
	static long count(JdbcTemplate jdbc, String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

}
