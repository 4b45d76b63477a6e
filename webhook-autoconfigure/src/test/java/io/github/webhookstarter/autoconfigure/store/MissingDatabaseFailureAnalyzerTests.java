package io.github.webhookstarter.autoconfigure.store;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MissingDatabaseFailureAnalyzer}, with the exception chain Spring Boot
 * produces when the JDBC stores' initializer cannot connect.
 */
class MissingDatabaseFailureAnalyzerTests {

	@Test
	void mariaDbUnknownDatabaseNamesTheDatabaseAndHowToCreateIt() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:mariadb://db.example.com:3307/webhook_sample?user=app&password=s3cret");
		FailureAnalysis analysis = new MissingDatabaseFailureAnalyzer(environment)
			.analyze(startupFailure(new SQLSyntaxErrorException("(conn=89) Unknown database 'webhook_sample'", "42000",
					1049)));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.isEqualTo("Database 'webhook_sample' does not exist on the MariaDB server at db.example.com:3307.");
		assertThat(analysis.getAction())
			.contains("mariadb -h db.example.com -P 3307 -u app -p -e 'CREATE DATABASE webhook_sample'")
			.contains("spring.datasource.url");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cret");
	}

	@Test
	void mysqlUserAndPasswordInTheAuthorityShowOnlyTheUser() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:mysql://app:s3cret@db.example.com/shop");
		FailureAnalysis analysis = new MissingDatabaseFailureAnalyzer(environment)
			.analyze(startupFailure(new SQLSyntaxErrorException("Unknown database 'shop'", "42000", 1049)));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.isEqualTo("Database 'shop' does not exist on the MySQL server at db.example.com.");
		assertThat(analysis.getAction()).contains("mysql -h db.example.com -u app -p -e 'CREATE DATABASE shop'");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("s3cret");
	}

	@Test
	void postgresqlDatabaseOtherThanTheConfiguredOneIsNamedWithoutTheConfiguredHost() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db.example.com:5433/orders")
			.withProperty("spring.datasource.username", "app");
		FailureAnalysis analysis = new MissingDatabaseFailureAnalyzer(environment)
			.analyze(startupFailure(new SQLException("FATAL: database \"audit\" does not exist", "3D000")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("Database 'audit' does not exist on the PostgreSQL server.");
		assertThat(analysis.getAction()).contains("\tcreatedb audit");
	}

	@Test
	void postgresqlDatabaseOfTheConfiguredUrlIsCreatedOnItsHostAsItsUser() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.datasource.url", "jdbc:postgresql://db.example.com:5433/orders")
			.withProperty("spring.datasource.username", "app")
			.withProperty("spring.datasource.password", "s3cret");
		FailureAnalysis analysis = new MissingDatabaseFailureAnalyzer(environment)
			.analyze(startupFailure(new SQLException("FATAL: database \"orders\" does not exist", "3D000")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.isEqualTo("Database 'orders' does not exist on the PostgreSQL server at db.example.com:5433.");
		assertThat(analysis.getAction()).contains("\tcreatedb -h db.example.com -p 5433 -U app orders");
	}

	@Test
	void otherConnectionFailuresAreLeftToOtherAnalyzers() {
		MissingDatabaseFailureAnalyzer analyzer = new MissingDatabaseFailureAnalyzer(new MockEnvironment());
		assertThat(analyzer.analyze(startupFailure(new SQLException(
				"(conn=88) Access denied for user 'root'@'127.0.0.1' (using password: YES)", "28000", 1045))))
			.isNull();
		assertThat(analyzer.analyze(new IllegalStateException("no SQLException in the chain"))).isNull();
	}

	private static Exception startupFailure(SQLException driverException) {
		return new IllegalStateException("Failed to determine DatabaseDriver",
				new MetaDataAccessException("Could not get Connection for extracting meta-data",
						new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", driverException)));
	}

}
