package io.github.webhookstarter.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database of the durable runs.
 */
final class BenchmarkDatabase {

	private BenchmarkDatabase() {
	}

	/**
	 * Drop the tables of the starter and of Spring Modulith: each run starts from an empty
	 * database, with no rows that earlier runs finished, the tables created again by the
	 * run's own schema initialization.
	 * @param url the JDBC URL of the database
	 * @throws SQLException if the tables cannot be dropped
	 */
	static void dropTables(String url) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS event_publication, event_publication_archive,"
					+ " webhook_delivery_attempt, webhook_delivery, webhook_message, webhook_inbound_call,"
					+ " webhook_subscription, webhook_subscription_version, webhook_endpoint_state CASCADE");
		}
	}

}
