package io.github.webhookstarter.autoconfigure.store;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Explains a connection refused because its database does not exist (PostgreSQL's SQLState
 * {@code 3D000}, MariaDB's and MySQL's error {@code 1049}) and how to create it. The JDBC
 * stores connect at startup to find their schema file, so without this analysis the failure
 * reads "Failed to determine DatabaseDriver" above a stack trace that ends with the driver's
 * message.
 * <p>
 * Host, port and user come from {@code spring.datasource.*} when they describe the missing
 * database; the password is never shown.
 *
 * @author Webhook Starter team
 */
class MissingDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

	// PostgreSQL's "invalid_catalog_name"
	private static final String INVALID_CATALOG_NAME = "3D000";

	// MariaDB's and MySQL's ER_BAD_DB_ERROR
	private static final int BAD_DB_ERROR = 1049;

	// the name as the server quotes it: database "x" does not exist, Unknown database 'x'
	private static final Pattern QUOTED_NAME = Pattern.compile("[\"'`]([^\"'`]+)[\"'`]");

	// jdbc:postgresql://host:port/name?user=..., jdbc:mariadb:replication://user:password@host,host2/name
	private static final Pattern URL = Pattern
		.compile("jdbc:(postgresql|mariadb|mysql)(?::[a-z]+)?://([^/?;]*)(?:/([^?;]*))?(?:[?;](.*))?");

	private final Environment environment;

	MissingDatabaseFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
		JdbcUrl url = JdbcUrl.parse(this.environment.getProperty("spring.datasource.url"),
				this.environment.getProperty("spring.datasource.username"));
		for (Throwable candidate = cause; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof SQLException ex) {
				Server server = Server.refusing(ex, url);
				if (server != null) {
					return analysis(server, quotedName(ex), url, ex);
				}
			}
		}
		return null;
	}

	private static @Nullable String quotedName(SQLException ex) {
		String message = ex.getMessage();
		Matcher matcher = QUOTED_NAME.matcher((message != null) ? message : "");
		return matcher.find() ? matcher.group(1) : null;
	}

	private static FailureAnalysis analysis(Server server, @Nullable String quotedName, @Nullable JdbcUrl url,
			SQLException cause) {
		// the configured URL tells where the database is only if it names the one that is missing
		if (url != null && (!url.scheme().equals(server.scheme())
				|| (quotedName != null && !quotedName.equals(url.database())))) {
			url = null;
		}
		String name = (quotedName != null) ? quotedName : (url != null) ? url.database() : null;
		String where = (url != null && url.host() != null) ? " at " + url.address() : "";
		String description = ((name != null) ? "Database '" + name + "'" : "The database the application connects to")
				+ " does not exist on the " + server.product() + " server" + where + ".";
		String command = server.command(url, (name != null) ? name : "NAME");
		String action = String.format(
				"Create it, for example with:%n%n\t%s%n%nor make 'spring.datasource.url' name a database that exists.",
				command);
		return new FailureAnalysis(description, action, cause);
	}

	private static String option(String option, @Nullable String value) {
		return (value != null) ? " " + option + " " + value : "";
	}

	/**
	 * The kind of server that refused the connection: its product name and URL scheme.
	 */
	private record Server(String product, String scheme) {

		static @Nullable Server refusing(SQLException ex, @Nullable JdbcUrl url) {
			if (INVALID_CATALOG_NAME.equals(ex.getSQLState())) {
				return new Server("PostgreSQL", "postgresql");
			}
			if (ex.getErrorCode() == BAD_DB_ERROR) {
				// the exception is the JDK's SQLSyntaxErrorException with either driver: only the URL tells
				String scheme = (url != null) ? url.scheme() : "";
				return switch (scheme) {
					case "mysql" -> new Server("MySQL", "mysql");
					case "mariadb" -> new Server("MariaDB", "mariadb");
					default -> new Server("MariaDB or MySQL", "mariadb");
				};
			}
			return null;
		}

		String command(@Nullable JdbcUrl url, String name) {
			String host = (url != null) ? url.host() : null;
			String user = (url != null) ? url.user() : null;
			if (this.scheme.equals("postgresql")) {
				return "createdb" + option("-h", host) + option("-p", (url != null) ? url.nonDefaultPort(5432) : null)
						+ option("-U", user) + " " + name;
			}
			// the client of either server is named after its URL scheme; -p asks for the password
			return this.scheme + option("-h", host) + option("-P", (url != null) ? url.nonDefaultPort(3306) : null)
					+ option("-u", user) + " -p -e 'CREATE DATABASE " + name + "'";
		}

	}

	/**
	 * What a JDBC URL says about its database, without its password.
	 */
	private record JdbcUrl(String scheme, @Nullable String host, @Nullable String port, @Nullable String database,
			@Nullable String user) {

		static @Nullable JdbcUrl parse(@Nullable String url, @Nullable String username) {
			Matcher matcher = (url != null) ? URL.matcher(url) : null;
			if (matcher == null || !matcher.matches()) {
				return null;
			}
			String authority = matcher.group(2);
			String user = username;
			int at = authority.lastIndexOf('@');
			if (at >= 0) {
				// user:password@host: the password stays behind
				String userInfo = authority.substring(0, at);
				user = (user != null) ? user : userInfo.split(":", 2)[0];
				authority = authority.substring(at + 1);
			}
			String hostAndPort = authority.split(",", 2)[0];
			String host = hostAndPort;
			String port = null;
			int colon = hostAndPort.lastIndexOf(':');
			if (colon > hostAndPort.lastIndexOf(']')) {
				host = hostAndPort.substring(0, colon);
				port = hostAndPort.substring(colon + 1);
			}
			String query = matcher.group(4);
			if (user == null && query != null) {
				for (String parameter : query.split("[&;]")) {
					if (parameter.startsWith("user=")) {
						user = parameter.substring("user=".length());
					}
				}
			}
			return new JdbcUrl(matcher.group(1), StringUtils.hasLength(host) ? host : null,
					StringUtils.hasLength(port) ? port : null,
					StringUtils.hasLength(matcher.group(3)) ? matcher.group(3) : null,
					StringUtils.hasLength(user) ? user : null);
		}

		@Nullable String address() {
			return (this.port != null) ? this.host + ":" + this.port : this.host;
		}

		@Nullable String nonDefaultPort(int defaultPort) {
			return (this.port != null && !this.port.equals(String.valueOf(defaultPort))) ? this.port : null;
		}

	}

}
