package io.github.webhookstarter.store.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A database the JDBC store tests run against: H2 in memory always; PostgreSQL and MariaDB at
 * the URL an environment variable names, else in a Testcontainers container when Docker is
 * available, else the tests are skipped with a message that says what to set, logged once per
 * database so that it shows on the console and not only in the test reports. The tables are
 * dropped and created from the schema file once per test run, and emptied before each test.
 *
 * @author Webhook Starter team
 */
final class JdbcTestDatabase {

	private static final Logger logger = LoggerFactory.getLogger(JdbcTestDatabase.class);

	static final String POSTGRES_URL_VARIABLE = "WEBHOOK_TEST_POSTGRES_URL";

	static final String MARIADB_URL_VARIABLE = "WEBHOOK_TEST_MARIADB_URL";

	static final JdbcTestDatabase H2 = new JdbcTestDatabase("h2",
			() -> "jdbc:h2:mem:webhook_test;DB_CLOSE_DELAY=-1");

	static final JdbcTestDatabase POSTGRESQL = new JdbcTestDatabase("postgresql",
			() -> urlOrContainer("PostgreSQL", POSTGRES_URL_VARIABLE,
					"jdbc:postgresql://127.0.0.1:5432/webhook_test?user=postgres",
					() -> new PostgreSQLContainer("postgres:15")));

	static final JdbcTestDatabase MARIADB = new JdbcTestDatabase("mariadb",
			() -> urlOrContainer("MariaDB", MARIADB_URL_VARIABLE, "jdbc:mariadb://127.0.0.1:3306/webhook_test?user=root",
					() -> new MariaDBContainer("mariadb:10.11")));

	/**
	 * The MySQL schema, in a database of its own on the MariaDB server, with MySQL 8's default
	 * SQL mode: what runs is the MySQL script, and the stores' SQL under MySQL's strictness,
	 * through MariaDB's driver and server (no MySQL server is tested).
	 */
	static final JdbcTestDatabase MYSQL_SCHEMA_ON_MARIADB = new JdbcTestDatabase("mysql",
			() -> createdDatabase(MARIADB.url(), "_mysql"),
			"SET SESSION sql_mode = 'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
					+ "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");

	// children first, for the foreign keys
	private static final List<String> TABLES = List.of("webhook_delivery_attempt", "webhook_delivery",
			"webhook_message", "webhook_inbound_call", "webhook_subscription", "webhook_endpoint_state");

	// dropped, never emptied: its one row, which the schema file inserts, carries the version on
	private static final String SUBSCRIPTION_VERSION_TABLE = "webhook_subscription_version";

	// every test of a skipped database aborts: the reason is logged for the first only
	private static final Set<String> skipped = ConcurrentHashMap.newKeySet();

	private final String platform;

	private final Supplier<String> url;

	private final @Nullable String connectionInitSql;

	private HikariDataSource dataSource;

	private JdbcTestDatabase(String platform, Supplier<String> url) {
		this(platform, url, null);
	}

	private JdbcTestDatabase(String platform, Supplier<String> url, @Nullable String connectionInitSql) {
		this.platform = platform;
		this.url = url;
		this.connectionInitSql = connectionInitSql;
	}

	/**
	 * Return the JDBC URL of the database, credentials included.
	 * @return the URL
	 */
	String url() {
		return this.url.get();
	}

	// a database beside the one of the URL, on the same server, created if need be
	private static String createdDatabase(String url, String suffix) {
		Matcher matcher = Pattern.compile("^(jdbc:[a-z]+://[^/]+/)([^?]+)(.*)$").matcher(url);
		Assumptions.assumeTrue(matcher.matches(), () -> "No database name in " + url);
		String database = matcher.group(2) + suffix;
		try (HikariDataSource server = new HikariDataSource()) {
			server.setJdbcUrl(url);
			server.setMaximumPoolSize(1);
			new JdbcTemplate(server).execute("CREATE DATABASE IF NOT EXISTS " + database);
		}
		return matcher.group(1) + database + matcher.group(3);
	}

	private static String urlOrContainer(String database, String variable, String example,
			Supplier<JdbcDatabaseContainer<?>> container) {
		String url = System.getenv(variable);
		if (url != null && !url.isBlank()) {
			return url;
		}
		if (!Docker.AVAILABLE) {
			String reason = database + " tests skipped: set " + variable + " (such as " + example
					+ "), or start Docker, to run them";
			if (skipped.add(variable)) {
				logger.warn(reason);
			}
			Assumptions.abort(reason);
		}
		return Containers.start(variable, container);
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
			if (this.connectionInitSql != null) {
				dataSource.setConnectionInitSql(this.connectionInitSql);
			}
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			TABLES.forEach((table) -> jdbc.execute("DROP TABLE IF EXISTS " + table));
			jdbc.execute("DROP TABLE IF EXISTS " + SUBSCRIPTION_VERSION_TABLE);
			ResourceDatabasePopulator schema = new ResourceDatabasePopulator(
					new ClassPathResource("io/github/webhookstarter/store/jdbc/schema-" + this.platform + ".sql"));
			schema.execute(dataSource);
			// as initialize-schema=always does at every start
			schema.execute(dataSource);
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

	/**
	 * Whether a Docker engine answers, asked once: the question can take seconds.
	 */
	private static final class Docker {

		static final boolean AVAILABLE = probe();

		private static boolean probe() {
			// without an engine, Testcontainers logs an ERROR listing every strategy it tried: one line says it
			LoggingSystem loggingSystem = LoggingSystem.get(Docker.class.getClassLoader());
			LoggerConfiguration testcontainers = loggingSystem.getLoggerConfiguration("org.testcontainers");
			loggingSystem.setLogLevel("org.testcontainers", LogLevel.OFF);
			try {
				boolean available = DockerClientFactory.instance().isDockerAvailable();
				if (!available) {
					logger.info("No Docker engine answers: no database containers for the JDBC store tests");
				}
				return available;
			}
			finally {
				loggingSystem.setLogLevel("org.testcontainers",
						(testcontainers != null) ? testcontainers.getConfiguredLevel() : null);
			}
		}

	}

	/**
	 * The containers started for this test run, one per database, stopped by Testcontainers'
	 * reaper when the JVM exits.
	 */
	private static final class Containers {

		private static final Map<String, String> urls = new ConcurrentHashMap<>();

		static String start(String variable, Supplier<JdbcDatabaseContainer<?>> factory) {
			return urls.computeIfAbsent(variable, (key) -> {
				JdbcDatabaseContainer<?> container = factory.get();
				container.start();
				String url = container.getJdbcUrl();
				return url + ((url.contains("?")) ? "&" : "?") + "user=" + container.getUsername() + "&password="
						+ container.getPassword();
			});
		}

	}

}
