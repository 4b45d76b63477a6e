package io.github.webhookstarter.store.jdbc;

import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A database the JDBC store tests run against: H2 in memory always, PostgreSQL and MariaDB at
 * the URL an environment variable names. The tables are dropped and created from the schema
 * file once per test run, and emptied before each test.
 *
 * @author Webhook Starter team
 */
final class JdbcTestDatabase {

	static final String POSTGRES_URL_VARIABLE = "WEBHOOK_TEST_POSTGRES_URL";

	static final String MARIADB_URL_VARIABLE = "WEBHOOK_TEST_MARIADB_URL";

	static final JdbcTestDatabase H2 = new JdbcTestDatabase("h2",
			() -> "jdbc:h2:mem:webhook_test;DB_CLOSE_DELAY=-1");

	static final JdbcTestDatabase POSTGRESQL = new JdbcTestDatabase("postgresql",
			() -> System.getenv(POSTGRES_URL_VARIABLE));

	static final JdbcTestDatabase MARIADB = new JdbcTestDatabase("mariadb", () -> System.getenv(MARIADB_URL_VARIABLE));

	// children first, for the foreign keys
	private static final List<String> TABLES = List.of("webhook_delivery_attempt", "webhook_delivery",
			"webhook_message", "webhook_inbound_call", "webhook_subscription");

	private final String platform;

	private final Supplier<String> url;

	private HikariDataSource dataSource;

	private JdbcTestDatabase(String platform, Supplier<String> url) {
		this.platform = platform;
		this.url = url;
	}

	/**
	 * Return the data source, with the tables created and empty.
	 * @return the data source
	 */
	synchronized DataSource emptyDataSource() {
		if (this.dataSource == null) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(this.url.get());
			dataSource.setMaximumPoolSize(6);
			dataSource.setPoolName("webhook-test-" + this.platform);
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			TABLES.forEach((table) -> jdbc.execute("DROP TABLE IF EXISTS " + table));
			new ResourceDatabasePopulator(
					new ClassPathResource("io/github/webhookstarter/store/jdbc/schema-" + this.platform + ".sql"))
				.execute(dataSource);
			Runtime.getRuntime().addShutdownHook(new Thread(dataSource::close));
			this.dataSource = dataSource;
		}
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		TABLES.forEach((table) -> jdbc.update("DELETE FROM " + table));
		return this.dataSource;
	}

	@Override
	public String toString() {
		return this.platform;
	}

}
