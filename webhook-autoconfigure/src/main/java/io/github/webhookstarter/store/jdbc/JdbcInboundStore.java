package io.github.webhookstarter.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.inbound.InboundCallStatus;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.StoredInboundCall;

import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.abbreviate;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getBytes;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getInstant;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getNullableInstant;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getString;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.timestamp;

/**
 * {@link InboundStore} in the table {@code inbound_call} (after a prefix, {@code webhook_} by
 * default) that the {@code schema-<platform>.sql} file next to this class creates; a different
 * prefix needs a copy of that file with the tables renamed.
 * <p>
 * Duplicates are refused by the insert itself, through a unique constraint on the source and
 * webhook id, so that two instances receiving the same webhook at once store it once. Many
 * instances may share the table: each claims due calls with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and a lease, as {@link JdbcDeliveryStore} does.
 * Headers are stored as a JSON object of header names to their values; instants are kept to
 * the microsecond.
 *
 * @author Webhook Starter team
 */
public class JdbcInboundStore implements InboundStore {

	private static final int MAX_ERROR_LENGTH = 2000;

	// a deadlock between inserts of the same webhook id is rare: a few tries settle it
	private static final int MAX_INSERT_ATTEMPTS = 3;

	private static final TypeReference<LinkedHashMap<String, List<String>>> HEADERS_TYPE = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashSet<String>> LISTENERS_TYPE = new TypeReference<>() {
	};

	private static final String INSERT_CALL = """
			INSERT INTO %PREFIX%inbound_call (id, source, webhook_id, event_type, headers, body, remote_address,
				received_at, status, attempts, due_at, locked_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private static final String SELECT_STATUS = """
			SELECT status FROM %PREFIX%inbound_call WHERE source = ? AND webhook_id = ?""";

	// listed without the body, which may be large
	private static final String LISTED_CALL_COLUMNS = """
			id, source, webhook_id, event_type, headers, remote_address, received_at, status, attempts, due_at,
			last_error, completed_listeners, processed_at""";

	private static final String CALL_COLUMNS = LISTED_CALL_COLUMNS + ", body";

	// an expired lease makes an in-flight call due again, so both statuses are claimable by due
	// time; finished calls have no due time and stay out of the (due_at, seq) index range
	private static final String SELECT_DUE = """
			SELECT %s FROM %%PREFIX%%inbound_call
			WHERE due_at <= :now AND status IN ('PENDING', 'IN_FLIGHT')
			ORDER BY due_at, seq
			LIMIT :limit
			FOR UPDATE SKIP LOCKED""".formatted(CALL_COLUMNS);

	private static final String UPDATE_CLAIMED = """
			UPDATE %PREFIX%inbound_call
			SET status = 'IN_FLIGHT', attempts = attempts + 1, due_at = :leaseEnd, locked_by = :owner
			WHERE id IN (:ids)""";

	// the outcome of a dispatch is written only by the claim that made it
	private static final String AND_CLAIMED = " AND status = 'IN_FLIGHT' AND locked_by = ? AND attempts = ?";

	private static final String UPDATE_LEASE = """
			UPDATE %PREFIX%inbound_call SET due_at = ?
			WHERE id = ?""" + AND_CLAIMED;

	private static final String UPDATE_PROCESSED = """
			UPDATE %PREFIX%inbound_call SET status = 'PROCESSED', due_at = NULL, processed_at = ?, locked_by = NULL
			WHERE id = ?""" + AND_CLAIMED;

	private static final String UPDATE_RETRY = """
			UPDATE %PREFIX%inbound_call
			SET status = 'PENDING', due_at = ?, last_error = ?, completed_listeners = ?, locked_by = NULL
			WHERE id = ?""" + AND_CLAIMED;

	private static final String UPDATE_FAILED = """
			UPDATE %PREFIX%inbound_call
			SET status = 'FAILED', due_at = NULL, last_error = ?, completed_listeners = ?, locked_by = NULL
			WHERE id = ?""" + AND_CLAIMED;

	private static final String DELETE_CALL = """
			DELETE FROM %PREFIX%inbound_call WHERE id = ?""" + AND_CLAIMED;

	// a processed call runs all its listeners again, a failed one only those that did not succeed
	private static final String UPDATE_REPLAYED = """
			UPDATE %PREFIX%inbound_call
			SET completed_listeners = CASE WHEN status = 'PROCESSED' THEN NULL ELSE completed_listeners END,
				status = 'PENDING', attempts = 0, due_at = ?
			WHERE id = ? AND status IN ('PROCESSED', 'FAILED')""";

	private static final String SELECT_CALL = """
			SELECT %s FROM %%PREFIX%%inbound_call WHERE id = ?""".formatted(CALL_COLUMNS);

	private static final String SELECT_NEWEST = """
			SELECT %s FROM %%PREFIX%%inbound_call""".formatted(LISTED_CALL_COLUMNS);

	// the id, descending too, is in InnoDB's secondary indexes after their columns: the index
	// on the reception time gives the whole order
	private static final String NEWEST_FIRST = """

			ORDER BY received_at DESC, id DESC
			LIMIT :limit""";

	private static final String COUNT_UNFINISHED = """
			SELECT COUNT(*) FROM %PREFIX%inbound_call WHERE status IN ('PENDING', 'IN_FLIGHT')""";

	private static final String PURGEABLE = """
			status = 'PROCESSED' AND received_at < :before""";

	// ids first, then a delete by id: MySQL and MariaDB refuse a LIMIT in an IN subquery
	private static final String SELECT_PURGEABLE = """
			SELECT id FROM %%PREFIX%%inbound_call WHERE %s
			LIMIT :limit""".formatted(PURGEABLE);

	// checked again, as a call may be replayed meanwhile
	private static final String DELETE_PURGEABLE = """
			DELETE FROM %%PREFIX%%inbound_call WHERE id IN (:ids) AND %s""".formatted(PURGEABLE);

	private final RowMapper<StoredInboundCall> callMapper = (resultSet, rowNum) -> mapCall(resultSet, true);

	private final RowMapper<StoredInboundCall> listedCallMapper = (resultSet, rowNum) -> mapCall(resultSet, false);

	private final JdbcOperations jdbc;

	private final NamedParameterJdbcOperations namedJdbc;

	private final TransactionTemplate claimTransactions;

	private final JsonMapper jsonMapper;

	private final String tablePrefix;

	private final String owner;

	/**
	 * Create a store in the table with the default prefix, {@code webhook_}, under a generated
	 * owner id.
	 * @param dataSource the data source
	 */
	public JdbcInboundStore(DataSource dataSource) {
		this(dataSource, JdbcStoreSupport.DEFAULT_TABLE_PREFIX, JdbcStores.owner());
	}

	/**
	 * Create a store.
	 * @param dataSource the data source
	 * @param tablePrefix the prefix of the table names, such as {@code webhook_}
	 * @param owner the id of this instance, recorded with its claims
	 */
	public JdbcInboundStore(DataSource dataSource, String tablePrefix, String owner) {
		this(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource), JsonMapper.builder().build(),
				tablePrefix, owner);
	}

	/**
	 * Create a store that runs its statements and transactions with the given operations.
	 * @param jdbcOperations the JDBC operations
	 * @param transactionManager the transaction manager of the same data source
	 * @param jsonMapper the mapper that writes and reads the headers
	 * @param tablePrefix the prefix of the table names, such as {@code webhook_}
	 * @param owner the id of this instance, recorded with its claims
	 */
	public JdbcInboundStore(JdbcOperations jdbcOperations, PlatformTransactionManager transactionManager,
			JsonMapper jsonMapper, String tablePrefix, String owner) {
		this.jdbc = jdbcOperations;
		this.namedJdbc = new NamedParameterJdbcTemplate(jdbcOperations);
		this.claimTransactions = JdbcStoreSupport.claimTransactionTemplate(transactionManager);
		this.jsonMapper = jsonMapper;
		this.tablePrefix = JdbcStoreSupport.checkTablePrefix(tablePrefix);
		this.owner = JdbcStoreSupport.checkOwner(owner);
	}

	@Override
	public boolean savePending(InboundCall call) {
		return insert(call, InboundCallStatus.PENDING, 0, call.receivedAt(), null);
	}

	@Override
	public boolean saveClaimed(InboundCall call, Instant leaseEnd) {
		return insert(call, InboundCallStatus.IN_FLIGHT, 1, leaseEnd, this.owner);
	}

	private boolean insert(InboundCall call, InboundCallStatus status, int attempts, Instant dueAt,
			@Nullable String lockedBy) {
		for (int attempt = 1;; attempt++) {
			try {
				this.jdbc.update(sql(INSERT_CALL), call.id(), call.source(), call.webhookId(), call.eventType(),
						writeHeaders(call.headers()), call.body(), call.remoteAddress(), timestamp(call.receivedAt()),
						status.name(), attempts, timestamp(dueAt), lockedBy);
				return true;
			}
			catch (DuplicateKeyException ex) {
				// without a webhook id, only the call id can collide: that is no duplicate webhook
				if (call.webhookId() == null) {
					throw ex;
				}
				return false;
			}
			catch (PessimisticLockingFailureException ex) {
				// InnoDB (MariaDB, MySQL) may choose a concurrent insert of the same webhook id as a
				// deadlock victim; the statement alone rolled back, it is run again, unless part of a
				// transaction that the deadlock rolled back too
				if (attempt == MAX_INSERT_ATTEMPTS || TransactionSynchronizationManager.isActualTransactionActive()) {
					throw ex;
				}
			}
		}
	}

	@Override
	public @Nullable InboundCallStatus findStatus(String source, String webhookId) {
		return this.jdbc
			.query(sql(SELECT_STATUS),
					(resultSet, rowNum) -> InboundCallStatus.valueOf(getString(resultSet, "status")), source, webhookId)
			.stream()
			.findFirst()
			.orElse(null);
	}

	@Override
	public List<StoredInboundCall> claimDue(Instant now, int limit, Duration lease) {
		if (limit <= 0) {
			return List.of();
		}
		List<StoredInboundCall> claimed = JdbcStoreSupport.claim(this.claimTransactions, (status) -> {
			List<StoredInboundCall> due = this.namedJdbc.query(sql(SELECT_DUE),
					new MapSqlParameterSource().addValue("now", timestamp(now)).addValue("limit", limit),
					this.callMapper);
			if (due.isEmpty()) {
				return List.of();
			}
			this.namedJdbc.update(sql(UPDATE_CLAIMED),
					new MapSqlParameterSource().addValue("leaseEnd", timestamp(now.plus(lease)))
						.addValue("owner", this.owner)
						.addValue("ids", due.stream().map((stored) -> stored.call().id()).toList()));
			List<StoredInboundCall> result = new ArrayList<>(due.size());
			for (StoredInboundCall stored : due) {
				result.add(new StoredInboundCall(stored.call(), InboundCallStatus.IN_FLIGHT, stored.attempts() + 1,
						null, stored.lastError(), stored.completedListeners(), stored.processedAt()));
			}
			return result;
		});
		return (claimed != null) ? claimed : List.of();
	}

	@Override
	public boolean renewLease(String callId, int attempt, Instant leaseEnd) {
		return this.jdbc.update(sql(UPDATE_LEASE), timestamp(leaseEnd), callId, this.owner, attempt) > 0;
	}

	@Override
	public boolean markProcessed(String callId, int attempt, Instant processedAt) {
		return this.jdbc.update(sql(UPDATE_PROCESSED), timestamp(processedAt), callId, this.owner, attempt) > 0;
	}

	@Override
	public boolean markRetry(String callId, int attempt, Instant dueAt, String error, Set<String> completedListeners) {
		return this.jdbc.update(sql(UPDATE_RETRY), timestamp(dueAt), abbreviate(error, MAX_ERROR_LENGTH),
				writeListeners(completedListeners), callId, this.owner, attempt) > 0;
	}

	@Override
	public boolean markFailed(String callId, int attempt, String error, Set<String> completedListeners) {
		return this.jdbc.update(sql(UPDATE_FAILED), abbreviate(error, MAX_ERROR_LENGTH),
				writeListeners(completedListeners), callId, this.owner, attempt) > 0;
	}

	@Override
	public boolean delete(String callId, int attempt) {
		return this.jdbc.update(sql(DELETE_CALL), callId, this.owner, attempt) > 0;
	}

	@Override
	public boolean replay(String callId, Instant now) {
		return this.jdbc.update(sql(UPDATE_REPLAYED), timestamp(now), callId) > 0;
	}

	@Override
	public Optional<StoredInboundCall> find(String callId) {
		return this.jdbc.query(sql(SELECT_CALL), this.callMapper, callId).stream().findFirst();
	}

	@Override
	public List<StoredInboundCall> findCalls(@Nullable InboundCallStatus status, @Nullable String source, int limit) {
		return JdbcStoreSupport.findNewest(this.namedJdbc, sql(SELECT_NEWEST), NEWEST_FIRST, status, "source",
				source, limit, this.listedCallMapper);
	}

	@Override
	public long countUnfinished() {
		Long count = this.jdbc.queryForObject(sql(COUNT_UNFINISHED), Long.class);
		return (count != null) ? count : 0;
	}

	@Override
	public int purge(Instant before, int limit) {
		return JdbcStoreSupport.purge(this.namedJdbc, sql(SELECT_PURGEABLE), sql(DELETE_PURGEABLE), before, limit);
	}

	private String sql(String sql) {
		return JdbcStoreSupport.sql(sql, this.tablePrefix);
	}

	private String writeHeaders(HttpHeaders headers) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		headers.forEach(values::put);
		return this.jsonMapper.writeValueAsString(values);
	}

	private @Nullable String writeListeners(Set<String> listeners) {
		return listeners.isEmpty() ? null : this.jsonMapper.writeValueAsString(listeners);
	}

	private Set<String> readListeners(@Nullable String json) {
		return (json != null) ? Collections.unmodifiableSet(this.jsonMapper.readValue(json, LISTENERS_TYPE)) : Set.of();
	}

	private HttpHeaders readHeaders(String json) {
		HttpHeaders headers = new HttpHeaders();
		this.jsonMapper.readValue(json, HEADERS_TYPE).forEach(headers::addAll);
		return headers;
	}

	private StoredInboundCall mapCall(ResultSet resultSet, boolean withBody) throws SQLException {
		InboundCall call = new InboundCall(getString(resultSet, "id"), getString(resultSet, "source"),
				getString(resultSet, "event_type"), resultSet.getString("webhook_id"),
				readHeaders(getString(resultSet, "headers")), withBody ? getBytes(resultSet, "body") : new byte[0],
				resultSet.getString("remote_address"), getInstant(resultSet, "received_at"));
		InboundCallStatus status = InboundCallStatus.valueOf(getString(resultSet, "status"));
		// an in-flight call's due time is its lease, which is no business of its readers
		Instant dueAt = (status == InboundCallStatus.PENDING) ? getNullableInstant(resultSet, "due_at") : null;
		return new StoredInboundCall(call, status, resultSet.getInt("attempts"), dueAt,
				resultSet.getString("last_error"), readListeners(resultSet.getString("completed_listeners")),
				getNullableInstant(resultSet, "processed_at"));
	}

}
