package io.github.webhookstarter.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.webhookstarter.outbound.AttemptRecord;
import io.github.webhookstarter.outbound.ClaimedDelivery;
import io.github.webhookstarter.outbound.Delivery;
import io.github.webhookstarter.outbound.DeliveryAttempt;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.WebhookMessage;

import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.abbreviate;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getBytes;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getInstant;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getNullableInstant;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getString;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.timestamp;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.truncate;

/**
 * {@link DeliveryStore} in the tables {@code message}, {@code delivery} and
 * {@code delivery_attempt} (each name after a prefix, {@code webhook_} by default) that the
 * {@code schema-<platform>.sql} file next to this class creates; a different prefix needs a copy
 * of that file with the tables renamed.
 * <p>
 * Many instances may share the tables: each claims due deliveries with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, so that no two claim the same one, and marks them
 * in flight with its owner id until a lease ends, after which any instance may claim them
 * again. Messages and their deliveries are saved in one transaction, which joins the caller's
 * when it runs on the same {@link DataSource}: a rolled back publication leaves nothing behind.
 * <p>
 * Instants are kept to the microsecond: a message published at a finer instant is stored and
 * read back truncated. A delivery is created, and first due, at the timestamp of its message,
 * as in memory.
 *
 * @author Webhook Starter team
 */
public class JdbcDeliveryStore implements DeliveryStore {

	private static final int MAX_ERROR_LENGTH = 2000;

	private static final int MAX_EXCERPT_LENGTH = 4096;

	/**
	 * The most endpoints one claim names: PostgreSQL and MariaDB take at most 65,535
	 * parameters in a statement, and long lists plan slowly.
	 */
	static final int MAX_ENDPOINTS_PER_CLAIM = 5_000;

	private static final String INSERT_MESSAGE = """
			INSERT INTO %PREFIX%message (id, event_type, published_at, body)
			VALUES (?, ?, ?, ?)""";

	private static final String INSERT_DELIVERY = """
			INSERT INTO %PREFIX%delivery (id, message_id, endpoint, status, attempts, due_at, created_at)
			VALUES (?, ?, ?, 'PENDING', 0, ?, ?)""";

	private static final String DELIVERY_COLUMNS = """
			d.id, d.message_id, d.endpoint, d.status, d.attempts, d.due_at, d.created_at, d.last_error""";

	// an expired lease makes an in-flight delivery due again, so both statuses are claimable by
	// due time; finished deliveries have no due time and stay out of the (due_at, seq) index range
	private static final String SELECT_DUE = """
			SELECT %s FROM %%PREFIX%%delivery d
			WHERE d.due_at <= :now AND d.status IN ('PENDING', 'IN_FLIGHT')
			AND d.endpoint IN (:claimable)""".formatted(DELIVERY_COLUMNS);

	// only the oldest unfinished delivery of an ordered endpoint may be claimed, whatever it is
	// due: later ones wait behind it, and failed or cancelled ones never block. Asked as the
	// least sequence number, which PostgreSQL finds in one step of the endpoint index, where
	// for NOT EXISTS (SELECT ... e.seq < d.seq) it chose to scan the table; MariaDB too reads
	// fewer rows for it
	private static final String AND_HEAD_OF_ORDERED = """

			AND (d.endpoint NOT IN (:ordered) OR d.seq = (SELECT MIN(e.seq) FROM %PREFIX%delivery e
				WHERE e.endpoint = d.endpoint AND e.status IN ('PENDING', 'IN_FLIGHT')))""";

	// the same for H2, which reads half as many index rows for NOT EXISTS as for MIN
	private static final String AND_HEAD_OF_ORDERED_H2 = """

			AND (d.endpoint NOT IN (:ordered) OR NOT EXISTS (SELECT 1 FROM %PREFIX%delivery e
				WHERE e.endpoint = d.endpoint AND e.status IN ('PENDING', 'IN_FLIGHT') AND e.seq < d.seq))""";

	private static final String ORDER_AND_LOCK = """

			ORDER BY d.due_at, d.seq
			LIMIT :limit
			FOR UPDATE SKIP LOCKED""";

	// H2 claims in two steps. Its planner prefers the endpoint index to the due one (it does
	// not cost the LIMIT), and with FOR UPDATE it locks every row that matches before it sorts
	// and limits: tens of thousands of row locks to claim a few. Unlocked, with the due index
	// named, it reads no more rows than it returns; the lower bound skips the finished rows,
	// whose NULL due time sorts first in that index
	private static final String SELECT_DUE_IDS_H2 = """
			SELECT d.id FROM %PREFIX%delivery d USE INDEX (%PREFIX%delivery_due_idx)
			WHERE d.due_at <= :now AND d.due_at >= :epoch AND d.status IN ('PENDING', 'IN_FLIGHT')
			AND d.endpoint IN (:claimable)""";

	private static final String ORDER_H2 = """

			ORDER BY d.due_at, d.seq
			LIMIT :limit""";

	// then locks those rows by key, each checked again under its lock: another instance may
	// have claimed one since
	private static final String LOCK_DUE_H2 = """
			SELECT %s FROM %%PREFIX%%delivery d
			WHERE d.id IN (:ids) AND d.due_at <= :now AND d.status IN ('PENDING', 'IN_FLIGHT')""".formatted(
			DELIVERY_COLUMNS);

	private static final String LOCK_H2 = """

			FOR UPDATE SKIP LOCKED""";

	private static final String UPDATE_CLAIMED = """
			UPDATE %PREFIX%delivery
			SET due_before_claim = due_at, status = 'IN_FLIGHT', attempts = attempts + 1, due_at = :leaseEnd,
				locked_by = :owner
			WHERE id IN (:ids)""";

	// deliveries claimed by key: only those still pending and due, as another instance may
	// have claimed one since
	private static final String LOCK_PENDING = """
			SELECT %s FROM %%PREFIX%%delivery d
			WHERE d.id IN (:ids) AND d.status = 'PENDING' AND d.due_at <= :now
			FOR UPDATE SKIP LOCKED""".formatted(DELIVERY_COLUMNS);

	private static final String SELECT_MESSAGES = """
			SELECT id, event_type, published_at, body FROM %PREFIX%message WHERE id IN (:ids)""";

	// the claims of the attempts to record, locked until they are recorded, so that none
	// expires and is claimed again in between (claims skip locked rows); in key order, as
	// another instance recording a late attempt of one of them locks in the same order
	private static final String LOCK_ATTEMPTED = """
			SELECT id, status, locked_by, attempts FROM %PREFIX%delivery WHERE id IN (:ids)
			ORDER BY id
			FOR UPDATE""";

	// only by the claim that made the attempt: a late writer whose lease expired changes nothing
	private static final String UPDATE_ATTEMPTED = """
			UPDATE %PREFIX%delivery SET status = ?, due_at = ?, last_error = ?, locked_by = NULL
			WHERE id = ? AND status = 'IN_FLIGHT' AND locked_by = ? AND attempts = ?""";

	private static final String INSERT_ATTEMPT = """
			INSERT INTO %PREFIX%delivery_attempt
				(delivery_id, number, started_at, duration_ms, status_code, response_excerpt, error)
			VALUES (?, ?, ?, ?, ?, ?, ?)""";

	// due again as it was before the claim, in the same place of the claim order; MySQL and
	// MariaDB assign left to right, so the claim saves due_at before it overwrites it
	private static final String UPDATE_RELEASED = """
			UPDATE %PREFIX%delivery
			SET status = 'PENDING', attempts = attempts - 1, due_at = due_before_claim, locked_by = NULL
			WHERE id IN (:ids) AND status = 'IN_FLIGHT' AND locked_by = :owner""";

	private static final String UPDATE_RETRIED = """
			UPDATE %PREFIX%delivery SET status = 'PENDING', due_at = ?
			WHERE id = ? AND status IN ('FAILED', 'CANCELLED')""";

	private static final String UPDATE_RECOVERED = """
			UPDATE %PREFIX%delivery SET status = 'PENDING', due_at = ?
			WHERE endpoint = ? AND status = 'FAILED' AND created_at >= ?""";

	private static final String SELECT_DELIVERY = """
			SELECT %s FROM %%PREFIX%%delivery d WHERE d.id = ?""".formatted(DELIVERY_COLUMNS);

	private static final String SELECT_DELIVERIES = """
			SELECT %s FROM %%PREFIX%%delivery d WHERE d.message_id = ? ORDER BY d.seq""".formatted(DELIVERY_COLUMNS);

	private static final String SELECT_MESSAGE = """
			SELECT id, event_type, published_at, body FROM %PREFIX%message WHERE id = ?""";

	private static final String SELECT_ATTEMPTS = """
			SELECT delivery_id, number, started_at, duration_ms, status_code, response_excerpt, error
			FROM %PREFIX%delivery_attempt WHERE delivery_id = ? ORDER BY id""";

	private static final String COUNT_UNFINISHED = """
			SELECT COUNT(*) FROM %PREFIX%delivery WHERE status IN ('PENDING', 'IN_FLIGHT')""";

	private static final String SELECT_NEWEST = """
			SELECT %s FROM %%PREFIX%%delivery d""".formatted(DELIVERY_COLUMNS);

	// the id, descending too, is in InnoDB's secondary indexes after their columns: the index
	// on the creation time gives the whole order
	private static final String NEWEST_FIRST = """

			ORDER BY d.created_at DESC, d.id DESC
			LIMIT :limit""";

	// the endpoint's deliveries by the endpoint and creation time index, their attempts by the
	// attempt index (or, as PostgreSQL prefers when they are many, by a hash join): it reads
	// every attempt to the endpoint still kept, as an attempt does not name its endpoint, and
	// costs in proportion to the endpoint's traffic over the retention
	private static final String SELECT_RECENT_ATTEMPTS = """
			SELECT a.delivery_id, a.number, a.started_at, a.duration_ms, a.status_code, a.response_excerpt, a.error
			FROM %PREFIX%delivery_attempt a JOIN %PREFIX%delivery d ON d.id = a.delivery_id
			WHERE d.endpoint = :endpoint
			ORDER BY a.started_at DESC, a.id DESC
			LIMIT :limit""";

	// one status at a time, for each minimum to be the first entry of its range of the status
	// index, which MIN over both statuses at once would not find in one step
	private static final String SELECT_OLDEST_UNFINISHED = """
			SELECT MIN(u.created_at) AS oldest FROM (
				SELECT MIN(created_at) AS created_at FROM %PREFIX%delivery WHERE status = 'PENDING'
				UNION ALL
				SELECT MIN(created_at) AS created_at FROM %PREFIX%delivery WHERE status = 'IN_FLIGHT') u""";

	// an in-flight delivery is left to the claim that sends it
	private static final String UPDATE_CANCELLED = """
			UPDATE %PREFIX%delivery SET status = 'CANCELLED', due_at = NULL
			WHERE endpoint = ? AND status = 'PENDING'""";

	// checked again when deleting, as a cancelled delivery may be retried meanwhile
	private static final String PURGEABLE = """
			%PREFIX%message.published_at < :before AND NOT EXISTS (SELECT 1 FROM %PREFIX%delivery d
				WHERE d.message_id = %PREFIX%message.id AND d.status NOT IN ('DELIVERED', 'CANCELLED'))""";

	// ids first, then a delete by id: MySQL and MariaDB refuse a LIMIT in an IN subquery
	private static final String SELECT_PURGEABLE = """
			SELECT id FROM %%PREFIX%%message WHERE %s
			LIMIT :limit""".formatted(PURGEABLE);

	// deliveries and their attempts go with their message, by cascade
	private static final String DELETE_PURGEABLE = """
			DELETE FROM %%PREFIX%%message WHERE id IN (:ids) AND %s""".formatted(PURGEABLE);

	private static final RowMapper<Delivery> DELIVERY_MAPPER = JdbcDeliveryStore::mapDelivery;

	private static final RowMapper<WebhookMessage> MESSAGE_MAPPER = JdbcDeliveryStore::mapMessage;

	private static final RowMapper<DeliveryAttempt> ATTEMPT_MAPPER = JdbcDeliveryStore::mapAttempt;

	private final JdbcOperations jdbc;

	private final NamedParameterJdbcOperations namedJdbc;

	private final TransactionTemplate transactions;

	private final TransactionTemplate newTransactions;

	private final TransactionTemplate claimTransactions;

	private final String tablePrefix;

	private final String owner;

	// the statements with the table prefix in place, made once each rather than on every call
	private final Map<String, String> statements = new ConcurrentHashMap<>();

	private final AtomicInteger claimTurn = new AtomicInteger();

	private final String claimQuery;

	private final String orderedClaimQuery;

	private final String dueIdsQueryH2;

	private final String orderedDueIdsQueryH2;

	private final String lockQueryH2;

	private final String orderedLockQueryH2;

	// whether the database is H2, found out at the first claim rather than when the store is
	// created, as the database may not be reachable then
	private volatile @Nullable Boolean h2;

	/**
	 * Create a store in the tables with the default prefix, {@code webhook_}, under a
	 * generated owner id.
	 * @param dataSource the data source
	 */
	public JdbcDeliveryStore(DataSource dataSource) {
		this(dataSource, JdbcStoreSupport.DEFAULT_TABLE_PREFIX, JdbcStores.owner());
	}

	/**
	 * Create a store.
	 * @param dataSource the data source
	 * @param tablePrefix the prefix of the table names, such as {@code webhook_}
	 * @param owner the id of this instance, recorded with its claims
	 */
	public JdbcDeliveryStore(DataSource dataSource, String tablePrefix, String owner) {
		this(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource), tablePrefix, owner);
	}

	/**
	 * Create a store that runs its statements and transactions with the given operations.
	 * @param jdbcOperations the JDBC operations
	 * @param transactionManager the transaction manager of the same data source
	 * @param tablePrefix the prefix of the table names, such as {@code webhook_}
	 * @param owner the id of this instance, recorded with its claims
	 */
	public JdbcDeliveryStore(JdbcOperations jdbcOperations, PlatformTransactionManager transactionManager,
			String tablePrefix, String owner) {
		this.jdbc = jdbcOperations;
		this.namedJdbc = new NamedParameterJdbcTemplate(jdbcOperations);
		this.transactions = JdbcStoreSupport.transactionTemplate(transactionManager);
		this.newTransactions = JdbcStoreSupport.transactionTemplate(transactionManager);
		this.newTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.claimTransactions = JdbcStoreSupport.claimTransactionTemplate(transactionManager);
		this.tablePrefix = JdbcStoreSupport.checkTablePrefix(tablePrefix);
		this.owner = JdbcStoreSupport.checkOwner(owner);
		this.claimQuery = JdbcStoreSupport.sql(SELECT_DUE + ORDER_AND_LOCK, this.tablePrefix);
		this.orderedClaimQuery = JdbcStoreSupport.sql(SELECT_DUE + AND_HEAD_OF_ORDERED + ORDER_AND_LOCK,
				this.tablePrefix);
		this.dueIdsQueryH2 = JdbcStoreSupport.sql(SELECT_DUE_IDS_H2 + ORDER_H2, this.tablePrefix);
		this.orderedDueIdsQueryH2 = JdbcStoreSupport.sql(SELECT_DUE_IDS_H2 + AND_HEAD_OF_ORDERED_H2 + ORDER_H2,
				this.tablePrefix);
		this.lockQueryH2 = JdbcStoreSupport.sql(LOCK_DUE_H2 + LOCK_H2, this.tablePrefix);
		this.orderedLockQueryH2 = JdbcStoreSupport.sql(LOCK_DUE_H2 + AND_HEAD_OF_ORDERED_H2 + LOCK_H2,
				this.tablePrefix);
	}

	/**
	 * Return whether the calling thread's transaction is bound to this store's data source,
	 * so that {@link #save} joins it.
	 */
	@Override
	public boolean joinsCurrentTransaction() {
		DataSource dataSource = (this.jdbc instanceof JdbcTemplate template) ? template.getDataSource() : null;
		return dataSource != null && TransactionSynchronizationManager.isActualTransactionActive()
				&& TransactionSynchronizationManager.hasResource(dataSource);
	}

	@Override
	public List<Delivery> save(WebhookMessage message, Collection<String> endpoints) {
		return save(message, endpoints, this.transactions);
	}

	/**
	 * Store a message and its deliveries in a transaction of their own, with the calling
	 * thread's transaction suspended: while that one completes, its connection is still bound
	 * and a joining write would go into a transaction that has already ended.
	 */
	@Override
	public List<Delivery> saveInNewTransaction(WebhookMessage message, Collection<String> endpoints) {
		return save(message, endpoints, this.newTransactions);
	}

	private List<Delivery> save(WebhookMessage message, Collection<String> endpoints,
			TransactionTemplate transactions) {
		Instant createdAt = truncate(message.timestamp());
		List<Delivery> deliveries = new ArrayList<>(endpoints.size());
		for (String endpoint : endpoints) {
			deliveries.add(new Delivery(UUID.randomUUID().toString(), message.id(), endpoint, DeliveryStatus.PENDING,
					0, createdAt, createdAt, null));
		}
		transactions.executeWithoutResult((status) -> {
			try {
				this.jdbc.update(sql(INSERT_MESSAGE), message.id(), message.type(), timestamp(createdAt),
						message.body());
			}
			catch (DuplicateKeyException ex) {
				throw new IllegalArgumentException("Message '" + message.id() + "' is already stored", ex);
			}
			// inserted in the order given, which the sequence keeps as the publish order
			List<Object[]> rows = deliveries.stream()
				.map((delivery) -> new Object[] { delivery.id(), delivery.messageId(), delivery.endpoint(),
						timestamp(createdAt), timestamp(createdAt) })
				.toList();
			this.jdbc.batchUpdate(sql(INSERT_DELIVERY), rows);
		});
		return deliveries;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The claimable endpoints are named in the statement, at most
	 * {@value #MAX_ENDPOINTS_PER_CLAIM} at a time: more, such as many dynamic subscriptions,
	 * are claimed from in turns, a statement each, the turn starting with another group every
	 * call so that none waits behind the others.
	 */
	@Override
	public List<ClaimedDelivery> claimDue(Instant now, int limit, Duration lease, Set<String> orderedEndpoints,
			Set<String> claimableEndpoints) {
		if (claimableEndpoints.size() <= MAX_ENDPOINTS_PER_CLAIM) {
			return claimDueAmong(now, limit, lease, orderedEndpoints, claimableEndpoints);
		}
		List<Set<String>> groups = new ArrayList<>();
		Set<String> group = new HashSet<>();
		for (String endpoint : claimableEndpoints) {
			group.add(endpoint);
			if (group.size() == MAX_ENDPOINTS_PER_CLAIM) {
				groups.add(group);
				group = new HashSet<>();
			}
		}
		if (!group.isEmpty()) {
			groups.add(group);
		}
		int first = Math.floorMod(this.claimTurn.getAndIncrement(), groups.size());
		List<ClaimedDelivery> claimed = new ArrayList<>();
		for (int i = 0; i < groups.size() && claimed.size() < limit; i++) {
			Set<String> endpoints = groups.get((first + i) % groups.size());
			Set<String> ordered = new HashSet<>(orderedEndpoints);
			ordered.retainAll(endpoints);
			claimed.addAll(claimDueAmong(now, limit - claimed.size(), lease, ordered, endpoints));
		}
		return claimed;
	}

	private List<ClaimedDelivery> claimDueAmong(Instant now, int limit, Duration lease, Set<String> orderedEndpoints,
			Set<String> claimableEndpoints) {
		// nothing to claim, and "IN ()" is no valid SQL
		if (limit <= 0 || claimableEndpoints.isEmpty()) {
			return List.of();
		}
		Instant leaseEnd = truncate(now.plus(lease));
		List<ClaimedDelivery> claimed = JdbcStoreSupport.claim(this.claimTransactions, (status) -> {
			MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("now", timestamp(now))
				.addValue("limit", limit)
				.addValue("claimable", claimableEndpoints)
				.addValue("ordered", orderedEndpoints);
			boolean ordering = !orderedEndpoints.isEmpty();
			List<Delivery> due = isH2() ? lockDueH2(parameters, ordering)
					: this.namedJdbc.query(ordering ? this.orderedClaimQuery : this.claimQuery, parameters,
							DELIVERY_MAPPER);
			if (due.isEmpty()) {
				return List.of();
			}
			markClaimed(due.stream().map(Delivery::id).toList(), now, leaseEnd);
			Map<String, WebhookMessage> messages = findMessages(due);
			List<ClaimedDelivery> result = new ArrayList<>(due.size());
			for (Delivery delivery : due) {
				// deleting a message deletes its deliveries (webhook_delivery_message_fk)
				result.add(new ClaimedDelivery(inFlight(delivery, leaseEnd),
						Objects.requireNonNull(messages.get(delivery.messageId()))));
			}
			return result;
		});
		return (claimed != null) ? claimed : List.of();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The deliveries are read and locked by key, in one transaction of two statements,
	 * however many the due ones are.
	 */
	@Override
	public List<Delivery> claim(Collection<String> deliveryIds, Instant now, Duration lease) {
		if (deliveryIds.isEmpty()) {
			return List.of();
		}
		Instant leaseEnd = truncate(now.plus(lease));
		List<Delivery> claimed = JdbcStoreSupport.claim(this.claimTransactions, (status) -> {
			List<Delivery> pending = this.namedJdbc.query(sql(LOCK_PENDING),
					new MapSqlParameterSource().addValue("ids", deliveryIds).addValue("now", timestamp(now)),
					DELIVERY_MAPPER);
			if (pending.isEmpty()) {
				return List.of();
			}
			markClaimed(pending.stream().map(Delivery::id).toList(), now, leaseEnd);
			return pending.stream().map((delivery) -> inFlight(delivery, leaseEnd)).toList();
		});
		return (claimed != null) ? claimed : List.of();
	}

	private void markClaimed(List<String> ids, Instant now, Instant leaseEnd) {
		this.namedJdbc.update(sql(UPDATE_CLAIMED),
				new MapSqlParameterSource().addValue("leaseEnd", timestamp(leaseEnd))
					.addValue("now", timestamp(now))
					.addValue("owner", this.owner)
					.addValue("ids", ids));
	}

	private static Delivery inFlight(Delivery delivery, Instant leaseEnd) {
		return new Delivery(delivery.id(), delivery.messageId(), delivery.endpoint(), DeliveryStatus.IN_FLIGHT,
				delivery.attempts() + 1, leaseEnd, delivery.createdAt(), delivery.lastError());
	}

	private boolean isH2() {
		Boolean h2 = this.h2;
		if (h2 == null) {
			h2 = "H2".equals(this.jdbc.execute(
					(ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName()));
			this.h2 = h2;
		}
		return h2;
	}

	// fewer than the candidates when another instance claimed some in between: they are
	// skipped, not waited for, and the next claim finds the ones after them
	private List<Delivery> lockDueH2(MapSqlParameterSource parameters, boolean ordering) {
		List<@Nullable String> ids = this.namedJdbc.queryForList(
				ordering ? this.orderedDueIdsQueryH2 : this.dueIdsQueryH2,
				parameters.addValue("epoch", timestamp(Instant.EPOCH)), String.class);
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<String, Delivery> locked = new HashMap<>();
		this.namedJdbc
			.query(ordering ? this.orderedLockQueryH2 : this.lockQueryH2, parameters.addValue("ids", ids),
					DELIVERY_MAPPER)
			.forEach((delivery) -> locked.put(delivery.id(), delivery));
		// in claim order, as the candidates were selected
		return ids.stream().map(locked::get).filter(Objects::nonNull).toList();
	}

	private Map<String, WebhookMessage> findMessages(List<Delivery> deliveries) {
		Set<String> ids = new LinkedHashSet<>();
		deliveries.forEach((delivery) -> ids.add(delivery.messageId()));
		Map<String, WebhookMessage> messages = new HashMap<>();
		this.namedJdbc.query(sql(SELECT_MESSAGES), Map.of("ids", ids), MESSAGE_MAPPER)
			.forEach((message) -> messages.put(message.id(), message));
		return messages;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Whatever their number, the attempts are recorded in one transaction of three
	 * statements: the claims are locked and checked, the outcomes of those that held updated
	 * in one batch and every attempt inserted in another.
	 */
	@Override
	public Set<String> recordAttempts(List<AttemptRecord> attempts) {
		if (attempts.isEmpty()) {
			return Set.of();
		}
		Set<String> recorded = this.transactions.execute((transaction) -> {
			Map<String, Integer> heldClaims = new HashMap<>();
			Set<String> stored = new HashSet<>();
			this.namedJdbc.query(sql(LOCK_ATTEMPTED),
					Map.of("ids", attempts.stream().map((record) -> record.attempt().deliveryId()).toList()),
					(resultSet) -> {
						String id = getString(resultSet, "id");
						stored.add(id);
						if (DeliveryStatus.IN_FLIGHT.name().equals(resultSet.getString("status"))
								&& this.owner.equals(resultSet.getString("locked_by"))) {
							heldClaims.put(id, resultSet.getInt("attempts"));
						}
					});
			Set<String> held = new HashSet<>();
			List<Object[]> outcomes = new ArrayList<>();
			List<Object[]> attemptRows = new ArrayList<>();
			for (AttemptRecord record : attempts) {
				DeliveryAttempt attempt = record.attempt();
				// the attempt of an unknown delivery is ignored, as its row would reference nothing
				if (!stored.contains(attempt.deliveryId())) {
					continue;
				}
				boolean claimHeld = Objects.equals(heldClaims.get(attempt.deliveryId()), attempt.number());
				if (claimHeld) {
					held.add(attempt.deliveryId());
					outcomes.add(new Object[] { record.status().name(), timestamp(record.nextAttemptAt()),
							abbreviate(attempt.failure(), MAX_ERROR_LENGTH), attempt.deliveryId(), this.owner,
							attempt.number() });
				}
				attemptRows.add(attemptRow(claimHeld ? attempt : attempt.withLeaseLost()));
			}
			if (!outcomes.isEmpty()) {
				this.jdbc.batchUpdate(sql(UPDATE_ATTEMPTED), outcomes);
			}
			if (!attemptRows.isEmpty()) {
				this.jdbc.batchUpdate(sql(INSERT_ATTEMPT), attemptRows);
			}
			return held;
		});
		return (recorded != null) ? recorded : Set.of();
	}

	private static Object[] attemptRow(DeliveryAttempt attempt) {
		return new Object[] { attempt.deliveryId(), attempt.number(), timestamp(attempt.startedAt()),
				attempt.duration().toMillis(), attempt.statusCode(),
				abbreviate(attempt.responseExcerpt(), MAX_EXCERPT_LENGTH), abbreviate(attempt.error(), MAX_ERROR_LENGTH) };
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Only deliveries that this instance's owner claimed are released: once a lease has
	 * expired, another instance may have claimed the delivery since.
	 */
	@Override
	public void release(Collection<String> deliveryIds) {
		if (!deliveryIds.isEmpty()) {
			this.namedJdbc.update(sql(UPDATE_RELEASED),
					new MapSqlParameterSource().addValue("ids", deliveryIds).addValue("owner", this.owner));
		}
	}

	@Override
	public boolean retry(String deliveryId, Instant now) {
		return this.jdbc.update(sql(UPDATE_RETRIED), timestamp(now), deliveryId) > 0;
	}

	@Override
	public int recover(String endpoint, Instant since, Instant now) {
		return this.jdbc.update(sql(UPDATE_RECOVERED), timestamp(now), endpoint, timestamp(since));
	}

	@Override
	public Optional<Delivery> findDelivery(String deliveryId) {
		return this.jdbc.query(sql(SELECT_DELIVERY), DELIVERY_MAPPER, deliveryId).stream().findFirst();
	}

	@Override
	public List<Delivery> findDeliveries(String messageId) {
		return this.jdbc.query(sql(SELECT_DELIVERIES), DELIVERY_MAPPER, messageId);
	}

	@Override
	public Optional<WebhookMessage> findMessage(String messageId) {
		return this.jdbc.query(sql(SELECT_MESSAGE), MESSAGE_MAPPER, messageId).stream().findFirst();
	}

	@Override
	public List<DeliveryAttempt> findAttempts(String deliveryId) {
		return this.jdbc.query(sql(SELECT_ATTEMPTS), ATTEMPT_MAPPER, deliveryId);
	}

	@Override
	public long countUnfinished() {
		Long count = this.jdbc.queryForObject(sql(COUNT_UNFINISHED), Long.class);
		return (count != null) ? count : 0;
	}

	@Override
	public List<Delivery> findDeliveries(@Nullable DeliveryStatus status, @Nullable String endpoint, int limit) {
		return JdbcStoreSupport.findNewest(this.namedJdbc, sql(SELECT_NEWEST), NEWEST_FIRST, status, "endpoint",
				endpoint, limit, DELIVERY_MAPPER);
	}

	@Override
	public List<DeliveryAttempt> findRecentAttempts(String endpoint, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		return this.namedJdbc.query(sql(SELECT_RECENT_ATTEMPTS),
				new MapSqlParameterSource().addValue("endpoint", endpoint).addValue("limit", limit), ATTEMPT_MAPPER);
	}

	@Override
	public Optional<Instant> findOldestUnfinishedCreationTime() {
		// one row, its minimum NULL when nothing is unfinished
		return this.jdbc
			.query(sql(SELECT_OLDEST_UNFINISHED),
					(resultSet, rowNum) -> Optional.ofNullable(getNullableInstant(resultSet, "oldest")))
			.stream()
			.findFirst()
			.flatMap((oldest) -> oldest);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A delivery that an instance claims meanwhile stays in flight: the cancellation waits
	 * for the claim's row lock and then finds the delivery in flight, and a claim skips a row
	 * that the cancellation holds locked.
	 */
	@Override
	public int cancel(String endpoint) {
		return this.jdbc.update(sql(UPDATE_CANCELLED), endpoint);
	}

	@Override
	public int purge(Instant before, int limit) {
		return JdbcStoreSupport.purge(this.namedJdbc, sql(SELECT_PURGEABLE), sql(DELETE_PURGEABLE), before, limit);
	}

	private String sql(String sql) {
		return this.statements.computeIfAbsent(sql, (statement) -> JdbcStoreSupport.sql(statement, this.tablePrefix));
	}

	private static Delivery mapDelivery(ResultSet resultSet, int rowNum) throws SQLException {
		return new Delivery(getString(resultSet, "id"), getString(resultSet, "message_id"),
				getString(resultSet, "endpoint"), DeliveryStatus.valueOf(getString(resultSet, "status")),
				resultSet.getInt("attempts"), getNullableInstant(resultSet, "due_at"),
				getInstant(resultSet, "created_at"), resultSet.getString("last_error"));
	}

	private static WebhookMessage mapMessage(ResultSet resultSet, int rowNum) throws SQLException {
		return new WebhookMessage(getString(resultSet, "id"), getString(resultSet, "event_type"),
				getInstant(resultSet, "published_at"), getBytes(resultSet, "body"));
	}

	private static DeliveryAttempt mapAttempt(ResultSet resultSet, int rowNum) throws SQLException {
		return new DeliveryAttempt(getString(resultSet, "delivery_id"), resultSet.getInt("number"),
				getInstant(resultSet, "started_at"), Duration.ofMillis(resultSet.getLong("duration_ms")),
				resultSet.getObject("status_code", Integer.class), resultSet.getString("response_excerpt"),
				resultSet.getString("error"));
	}

}
