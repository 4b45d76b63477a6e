package io.github.webhookstarter.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.webhookstarter.outbound.EndpointState;
import io.github.webhookstarter.outbound.EndpointStateStore;

import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.abbreviate;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getNullableInstant;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getString;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.timestamp;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.truncate;

/**
 * {@link EndpointStateStore} in the table {@code endpoint_state} (after a prefix,
 * {@code webhook_} by default) that the {@code schema-<platform>.sql} file next to this class
 * creates; a different prefix needs a copy of that file with the tables renamed.
 * <p>
 * Every instance that shares the table shares the state. Each change is one conditional
 * {@code UPDATE} of the endpoint's row, which the database applies to the row as it is once
 * no other change holds it, so that of instances racing on one endpoint only one disables
 * it, only one sets since when it is failing, and only one reserves each send. A row is
 * inserted the first time an endpoint needs one; an insert that loses a race fails on the
 * primary key, and the update then applies to the row the other instance inserted. Rows are
 * never deleted.
 * <p>
 * Changes are made outside the caller's transaction, if it has one on the same data source:
 * an endpoint disabled or a send reserved stays so whatever happens to the caller's work.
 * Instants are kept to the microsecond.
 *
 * @author Webhook Starter team
 */
public class JdbcEndpointStateStore implements EndpointStateStore {

	private static final int MAX_REASON_LENGTH = 2000;

	private static final String INSERT_STATE = """
			INSERT INTO %PREFIX%endpoint_state
				(endpoint, disabled, disabled_reason, disabled_at, failing_since, next_send_at)
			VALUES (?, ?, ?, ?, ?, ?)""";

	private static final String UPDATE_DISABLED = """
			UPDATE %PREFIX%endpoint_state SET disabled = TRUE, disabled_reason = ?, disabled_at = ?
			WHERE endpoint = ? AND disabled = FALSE""";

	private static final String UPDATE_ENABLED = """
			UPDATE %PREFIX%endpoint_state
			SET disabled = FALSE, disabled_reason = NULL, disabled_at = NULL, failing_since = NULL
			WHERE endpoint = ? AND disabled = TRUE""";

	private static final String SELECT_DISABLED = """
			SELECT endpoint FROM %PREFIX%endpoint_state WHERE disabled = TRUE""";

	private static final String SELECT_STATE = """
			SELECT endpoint, disabled, disabled_reason, disabled_at, failing_since, next_send_at
			FROM %PREFIX%endpoint_state WHERE endpoint = ?""";

	private static final String UPDATE_FAILING = """
			UPDATE %PREFIX%endpoint_state SET failing_since = ?
			WHERE endpoint = ? AND failing_since IS NULL""";

	// runs after every successful attempt: a row that is not failing is left unwritten
	private static final String UPDATE_NOT_FAILING = """
			UPDATE %PREFIX%endpoint_state SET failing_since = NULL
			WHERE endpoint = ? AND failing_since IS NOT NULL""";

	private static final String UPDATE_ALL_NOT_FAILING = """
			UPDATE %PREFIX%endpoint_state SET failing_since = NULL
			WHERE endpoint IN (:endpoints) AND failing_since IS NOT NULL""";

	private static final String UPDATE_SEND_RESERVED = """
			UPDATE %PREFIX%endpoint_state SET next_send_at = ?
			WHERE endpoint = ? AND (next_send_at IS NULL OR next_send_at <= ?)""";

	private static final RowMapper<EndpointState> STATE_MAPPER = JdbcEndpointStateStore::mapState;

	private final JdbcOperations jdbc;

	private final NamedParameterJdbcOperations namedJdbc;

	private final TransactionTemplate outsideTransactions;

	private final String tablePrefix;

	/**
	 * Create a store in the table with the default prefix, {@code webhook_}.
	 * @param dataSource the data source
	 */
	public JdbcEndpointStateStore(DataSource dataSource) {
		this(dataSource, JdbcStoreSupport.DEFAULT_TABLE_PREFIX);
	}

	/**
	 * Create a store.
	 * @param dataSource the data source
	 * @param tablePrefix the prefix of the table names, such as {@code webhook_}
	 */
	public JdbcEndpointStateStore(DataSource dataSource, String tablePrefix) {
		this(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource), tablePrefix);
	}

	/**
	 * Create a store that runs its statements with the given operations.
	 * @param jdbcOperations the JDBC operations
	 * @param transactionManager the transaction manager of the same data source, whose
	 * transaction in progress a change suspends
	 * @param tablePrefix the prefix of the table names, such as {@code webhook_}
	 */
	public JdbcEndpointStateStore(JdbcOperations jdbcOperations, PlatformTransactionManager transactionManager,
			String tablePrefix) {
		this.jdbc = jdbcOperations;
		this.namedJdbc = new NamedParameterJdbcTemplate(jdbcOperations);
		this.outsideTransactions = new TransactionTemplate(transactionManager);
		// each statement commits on its own, and an insert that fails on the key aborts nothing
		this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
		this.tablePrefix = JdbcStoreSupport.checkTablePrefix(tablePrefix);
	}

	@Override
	public boolean disable(String endpoint, String reason, Instant now) {
		String storedReason = abbreviate(reason, MAX_REASON_LENGTH);
		return this.outsideTransactions.execute((status) -> {
			// ends once the row exists, as rows are never deleted: then either the update applies
			// or the row as read answers, unless another instance changed it in between
			while (true) {
				if (this.jdbc.update(sql(UPDATE_DISABLED), storedReason, timestamp(now), endpoint) > 0) {
					return true;
				}
				EndpointState state = find(endpoint);
				if (state != null) {
					if (state.disabled()) {
						return false;
					}
				}
				else if (insert(new EndpointState(endpoint, true, storedReason, now, null, null))) {
					return true;
				}
			}
		});
	}

	@Override
	public boolean enable(String endpoint) {
		return this.outsideTransactions.execute((status) -> {
			if (this.jdbc.update(sql(UPDATE_ENABLED), endpoint) > 0) {
				return true;
			}
			this.jdbc.update(sql(UPDATE_NOT_FAILING), endpoint);
			return false;
		});
	}

	@Override
	public Set<String> findDisabled() {
		return Set.copyOf(this.jdbc.queryForList(sql(SELECT_DISABLED), String.class));
	}

	@Override
	public @Nullable EndpointState find(String endpoint) {
		List<EndpointState> states = this.jdbc.query(sql(SELECT_STATE), STATE_MAPPER, endpoint);
		return states.isEmpty() ? null : states.get(0);
	}

	@Override
	public Instant recordFailure(String endpoint, Instant now) {
		Instant failingSince = truncate(now);
		return this.outsideTransactions.execute((status) -> {
			// ends as the loop of disable does
			while (true) {
				if (this.jdbc.update(sql(UPDATE_FAILING), timestamp(failingSince), endpoint) > 0) {
					return failingSince;
				}
				EndpointState state = find(endpoint);
				if (state != null) {
					if (state.failingSince() != null) {
						return state.failingSince();
					}
				}
				else if (insert(new EndpointState(endpoint, false, null, null, failingSince, null))) {
					return failingSince;
				}
			}
		});
	}

	@Override
	public void recordSuccess(String endpoint) {
		this.outsideTransactions
			.executeWithoutResult((status) -> this.jdbc.update(sql(UPDATE_NOT_FAILING), endpoint));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * In one statement, which writes only the rows of endpoints that were failing.
	 */
	@Override
	public void recordSuccess(Collection<String> endpoints) {
		if (!endpoints.isEmpty()) {
			this.outsideTransactions.executeWithoutResult((status) -> this.namedJdbc
				.update(sql(UPDATE_ALL_NOT_FAILING), new MapSqlParameterSource("endpoints", endpoints)));
		}
	}

	// the callback answers a @Nullable Instant: NullAway's standard mode (JDK 17, where its JSpecify mode cannot
	// run) does not see nullable type arguments, and takes the nulls the callback returns for a non-null T
	@Override
	@SuppressWarnings("NullAway")
	public @Nullable Instant reserveSend(String endpoint, Instant now, Duration spacing) {
		Instant sendAt = truncate(now);
		Instant nextSendAt = truncate(now.plus(spacing));
		return this.outsideTransactions.execute((status) -> {
			// ends as the loop of disable does
			while (true) {
				if (this.jdbc.update(sql(UPDATE_SEND_RESERVED), timestamp(nextSendAt), endpoint,
						timestamp(sendAt)) > 0) {
					return null;
				}
				EndpointState state = find(endpoint);
				if (state != null) {
					if (state.nextSendAt() != null && state.nextSendAt().isAfter(sendAt)) {
						return state.nextSendAt();
					}
				}
				else if (insert(new EndpointState(endpoint, false, null, null, null, nextSendAt))) {
					return null;
				}
			}
		});
	}

	// false if another instance inserted the row first; InnoDB may instead choose one of two
	// concurrent inserts of the same key as a deadlock victim, whose statement alone is rolled
	// back, as each runs on its own: the caller's loop then finds the row the other inserted
	private boolean insert(EndpointState state) {
		try {
			this.jdbc.update(sql(INSERT_STATE), state.endpoint(), state.disabled(), state.disabledReason(),
					timestamp(state.disabledAt()), timestamp(state.failingSince()), timestamp(state.nextSendAt()));
			return true;
		}
		catch (DuplicateKeyException | PessimisticLockingFailureException ex) {
			return false;
		}
	}

	private String sql(String sql) {
		return JdbcStoreSupport.sql(sql, this.tablePrefix);
	}

	private static EndpointState mapState(ResultSet resultSet, int rowNum) throws SQLException {
		return new EndpointState(getString(resultSet, "endpoint"), resultSet.getBoolean("disabled"),
				resultSet.getString("disabled_reason"), getNullableInstant(resultSet, "disabled_at"),
				getNullableInstant(resultSet, "failing_since"), getNullableInstant(resultSet, "next_send_at"));
	}

}
