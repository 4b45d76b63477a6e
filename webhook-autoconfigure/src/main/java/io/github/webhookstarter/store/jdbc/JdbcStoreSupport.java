package io.github.webhookstarter.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * What the JDBC stores share: table names, instants and text limits.
 * <p>
 * Instants are stored as UTC date-times without a time zone ({@code TIMESTAMP(6)}, or
 * {@code DATETIME(6)} on MariaDB and MySQL), bound and read as {@link LocalDateTime} so that
 * neither the JVM's nor the session's time zone takes part; they are truncated to microseconds,
 * the precision every supported database keeps.
 *
 * @author Webhook Starter team
 */
final class JdbcStoreSupport {

	static final String DEFAULT_TABLE_PREFIX = "webhook_";

	// InnoDB can choose a claim as a deadlock victim even with SKIP LOCKED; its transaction is
	// rolled back whole, so claiming again is safe
	private static final RetryTemplate claimRetry = new RetryTemplate(
			RetryPolicy.builder().includes(PessimisticLockingFailureException.class).maxRetries(5)
				.delay(Duration.ofMillis(5)).jitter(Duration.ofMillis(5)).build());

	private static final String PREFIX_PLACEHOLDER = "%PREFIX%";

	private JdbcStoreSupport() {
	}

	/**
	 * Replace the table prefix placeholder of a statement.
	 * @param sql the statement, naming tables {@code %PREFIX%name}
	 * @param tablePrefix the checked table prefix
	 * @return the statement to run
	 */
	static String sql(String sql, String tablePrefix) {
		return sql.replace(PREFIX_PLACEHOLDER, tablePrefix);
	}

	// the prefix goes into SQL text, so it may only name tables, optionally in a schema
	static String checkTablePrefix(String tablePrefix) {
		Assert.isTrue(tablePrefix.matches("[A-Za-z0-9_.]*"),
				() -> "Table prefix '" + tablePrefix + "' may only hold letters, digits, '_' and '.'");
		return tablePrefix;
	}

	static String checkOwner(String owner) {
		Assert.hasText(owner, "'owner' must not be empty");
		Assert.isTrue(owner.length() <= 100, "'owner' must not be longer than 100 characters");
		return owner;
	}

	static TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
		return new TransactionTemplate(transactionManager);
	}

	// InnoDB's repeatable read would take gap locks on the scanned range while claiming,
	// holding up concurrent inserts; claims need no more than read committed anywhere
	static TransactionTemplate claimTransactionTemplate(PlatformTransactionManager transactionManager) {
		TransactionTemplate template = new TransactionTemplate(transactionManager);
		template.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		return template;
	}

	/**
	 * Run a claim in a claim transaction, again if the database chose it as a deadlock victim.
	 */
	static <T> @Nullable T claim(TransactionTemplate claimTransactions, TransactionCallback<T> claim) {
		return claimRetry.invoke(() -> claimTransactions.execute(claim));
	}

	/**
	 * Delete a bounded batch of rows: the ids of at most {@code limit} rows first, then the
	 * rows with those ids that still qualify, in one statement.
	 * @param jdbc the operations to run the statements with
	 * @param selectIds the query of the ids, with {@code :before} and {@code :limit} parameters
	 * @param deleteByIds the delete, with {@code :ids} and {@code :before} parameters
	 * @param before the time before which rows qualify
	 * @param limit the maximum number of rows to delete
	 * @return the number of rows deleted
	 */
	static int purge(NamedParameterJdbcOperations jdbc, String selectIds, String deleteByIds, Instant before,
			int limit) {
		if (limit <= 0) {
			return 0;
		}
		MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("before", timestamp(before))
			.addValue("limit", limit);
		List<@Nullable String> ids = jdbc.queryForList(selectIds, parameters, String.class);
		return ids.isEmpty() ? 0 : jdbc.update(deleteByIds, parameters.addValue("ids", ids));
	}

	/**
	 * List rows newest first, each filter applied if it is given: of a status, and with a
	 * column equal to a value.
	 * @param jdbc the operations to run the query with
	 * @param select the query of the rows, with the table prefix in place and without a
	 * {@code WHERE} clause
	 * @param newestFirst the {@code ORDER BY} and {@code LIMIT :limit} clauses
	 * @param status the status of the rows to list, or {@code null} for any
	 * @param column the other column that may be filtered on, also the name of its parameter
	 * @param value the value of that column, or {@code null} for any
	 * @param limit the maximum number of rows
	 * @param rowMapper the mapper of the rows
	 * @return the rows mapped
	 */
	static <T> List<T> findNewest(NamedParameterJdbcOperations jdbc, String select, String newestFirst,
			@Nullable Enum<?> status, String column, @Nullable String value, int limit, RowMapper<T> rowMapper) {
		if (limit <= 0) {
			return List.of();
		}
		MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("limit", limit);
		StringJoiner where = new StringJoiner(" AND ", "\nWHERE ", "").setEmptyValue("");
		if (status != null) {
			where.add("status = :status");
			parameters.addValue("status", status.name());
		}
		if (value != null) {
			where.add(column + " = :" + column);
			parameters.addValue(column, value);
		}
		return jdbc.query(select + where + newestFirst, parameters, rowMapper);
	}

	/**
	 * Return an instant as precise as the stores keep it.
	 * @param instant the instant
	 * @return the instant truncated to microseconds
	 */
	static Instant truncate(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	static SqlParameterValue timestamp(@Nullable Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP,
				(instant != null) ? LocalDateTime.ofInstant(truncate(instant), ZoneOffset.UTC) : null);
	}

	static Instant getInstant(ResultSet resultSet, String column) throws SQLException {
		Instant instant = getNullableInstant(resultSet, column);
		Assert.state(instant != null, () -> "Column '" + column + "' must not be null");
		return instant;
	}

	static @Nullable Instant getNullableInstant(ResultSet resultSet, String column) throws SQLException {
		LocalDateTime dateTime = resultSet.getObject(column, LocalDateTime.class);
		return (dateTime != null) ? dateTime.toInstant(ZoneOffset.UTC) : null;
	}

	static String getString(ResultSet resultSet, String column) throws SQLException {
		String value = resultSet.getString(column);
		Assert.state(value != null, () -> "Column '" + column + "' must not be null");
		return value;
	}

	static byte[] getBytes(ResultSet resultSet, String column) throws SQLException {
		byte[] value = resultSet.getBytes(column);
		return (value != null) ? value : new byte[0];
	}

	/**
	 * Cut a text to the length of its column, never between the two halves of a surrogate
	 * pair.
	 * @param text the text
	 * @param maxLength the length of the column, in characters
	 * @return the text, or its beginning
	 */
	static @Nullable String abbreviate(@Nullable String text, int maxLength) {
		if (text == null || text.length() <= maxLength) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
		return text.substring(0, end);
	}

}
