package io.github.webhookstarter.store.jdbc;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import io.github.webhookstarter.subscription.SecretCodec;
import io.github.webhookstarter.subscription.Subscription;
import io.github.webhookstarter.subscription.SubscriptionChanges;
import io.github.webhookstarter.subscription.SubscriptionStore;

import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getInstant;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getNullableInstant;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.getString;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.timestamp;
import static io.github.webhookstarter.store.jdbc.JdbcStoreSupport.truncate;

/**
 * {@link SubscriptionStore} in the tables {@code subscription} and
 * {@code subscription_version} (each name after a prefix, {@code webhook_} by default) that
 * the {@code schema-<platform>.sql} file next to this class creates; a different prefix needs
 * a copy of that file with the tables renamed.
 * <p>
 * The version of the store is the one row of {@code subscription_version}. Every change
 * increments it, in the change's transaction, and writes it into the changed row: the
 * increment locks the row until the transaction ends, so that changes are serialized and
 * take their versions in the order they commit, and a reader of the rows changed since a
 * version never misses one with a smaller version that commits later. A change that finds
 * nothing to change (a stale update, a delete of a deleted subscription) leaves a gap in the
 * versions, which readers do not notice. A deleted subscription stays as a row marked deleted,
 * without its secrets, with the version of its deletion, so that readers learn of it; its id
 * may be used again by a new subscription.
 * <p>
 * Changes join the caller's transaction when it runs on the same {@link DataSource}, and hold
 * the version row until it ends. Secrets are written as the {@link SecretCodec} encodes them
 * and decoded as they are read; events and headers are stored as JSON, as
 * {@link JdbcInboundStore} stores headers; instants are kept to the microsecond.
 *
 * @author Webhook Starter team
 */
public class JdbcSubscriptionStore implements SubscriptionStore {

	private static final TypeReference<List<String>> EVENTS_TYPE = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, String>> HEADERS_TYPE = new TypeReference<>() {
	};

	// locks the row until the transaction ends: writers wait for each other here
	private static final String INCREMENT_VERSION = """
			UPDATE %PREFIX%subscription_version SET version = version + 1 WHERE id = 1""";

	private static final String SELECT_VERSION = """
			SELECT version FROM %PREFIX%subscription_version WHERE id = 1""";

	// every column but the id, in the order of the values of a subscription
	private static final String SET_COLUMNS = """
			owner = ?, url = ?, events = ?, description = ?, secret = ?, previous_secret = ?,
				previous_secret_expires_at = ?, headers = ?, signature = ?, rate_limit = ?, ordered = ?, created_at = ?,
				updated_at = ?, version = ?, deleted = FALSE""";

	private static final String INSERT_SUBSCRIPTION = """
			INSERT INTO %PREFIX%subscription (owner, url, events, description, secret, previous_secret,
				previous_secret_expires_at, headers, signature, rate_limit, ordered, created_at, updated_at, version,
				deleted, id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)""";

	// a new subscription with the id of a deleted one takes its row
	private static final String UPDATE_DELETED = """
			UPDATE %%PREFIX%%subscription SET %s
			WHERE id = ? AND deleted = TRUE""".formatted(SET_COLUMNS);

	// only the subscription as it was read: not changed nor deleted since
	private static final String UPDATE_SUBSCRIPTION = """
			UPDATE %%PREFIX%%subscription SET %s
			WHERE id = ? AND version = ? AND deleted = FALSE""".formatted(SET_COLUMNS);

	private static final String UPDATE_DELETE = """
			UPDATE %PREFIX%subscription
			SET deleted = TRUE, secret = NULL, previous_secret = NULL, previous_secret_expires_at = NULL, version = ?
			WHERE id = ? AND deleted = FALSE""";

	private static final String COLUMNS = """
			id, owner, url, events, description, secret, previous_secret, previous_secret_expires_at, headers,
			signature, rate_limit, ordered, created_at, updated_at, version, deleted""";

	private static final String SELECT_SUBSCRIPTION = """
			SELECT %s FROM %%PREFIX%%subscription WHERE id = ? AND deleted = FALSE""".formatted(COLUMNS);

	private static final String SELECT_BY_OWNER = """
			SELECT %s FROM %%PREFIX%%subscription WHERE owner = ? AND deleted = FALSE
			ORDER BY created_at, id
			LIMIT ? OFFSET ?""".formatted(COLUMNS);

	private static final String COUNT_BY_OWNER = """
			SELECT COUNT(*) FROM %PREFIX%subscription WHERE owner = ? AND deleted = FALSE""";

	// one statement, so one snapshot: every change with a smaller version than the greatest read
	// committed before it
	private static final String SELECT_CHANGED = """
			SELECT %s FROM %%PREFIX%%subscription WHERE version > ?""".formatted(COLUMNS);

	// a reader that has read nothing has nothing to delete
	private static final String SELECT_ALL = """
			SELECT %s FROM %%PREFIX%%subscription WHERE deleted = FALSE""".formatted(COLUMNS);

	private final RowMapper<Subscription> subscriptionMapper = this::mapSubscription;

	private final RowMapper<Change> changeMapper = this::mapChange;

	private final JdbcOperations jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper jsonMapper;

	private final SecretCodec secretCodec;

	private final String tablePrefix;

	/**
	 * Create a store in the tables with the default prefix, {@code webhook_}.
	 * @param dataSource the data source
	 * @param secretCodec the codec of the secrets
	 */
	public JdbcSubscriptionStore(DataSource dataSource, SecretCodec secretCodec) {
		this(dataSource, JdbcStoreSupport.DEFAULT_TABLE_PREFIX, secretCodec);
	}

	/**
	 * Create a store.
	 * @param dataSource the data source
	 * @param tablePrefix the prefix of the table names, such as {@code webhook_}
	 * @param secretCodec the codec of the secrets
	 */
	public JdbcSubscriptionStore(DataSource dataSource, String tablePrefix, SecretCodec secretCodec) {
		this(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource), JsonMapper.builder().build(),
				tablePrefix, secretCodec);
	}

	/**
	 * Create a store that runs its statements and transactions with the given operations.
	 * @param jdbcOperations the JDBC operations
	 * @param transactionManager the transaction manager of the same data source
	 * @param jsonMapper the mapper that writes and reads the events and headers
	 * @param tablePrefix the prefix of the table names, such as {@code webhook_}
	 * @param secretCodec the codec of the secrets
	 */
	public JdbcSubscriptionStore(JdbcOperations jdbcOperations, PlatformTransactionManager transactionManager,
			JsonMapper jsonMapper, String tablePrefix, SecretCodec secretCodec) {
		this.jdbc = jdbcOperations;
		this.transactions = JdbcStoreSupport.transactionTemplate(transactionManager);
		this.jsonMapper = jsonMapper;
		this.tablePrefix = JdbcStoreSupport.checkTablePrefix(tablePrefix);
		this.secretCodec = secretCodec;
	}

	@Override
	public Subscription create(Subscription subscription) {
		try {
			return change((version) -> {
				Subscription stored = stored(subscription, version);
				Object[] values = values(stored, stored.id());
				if (this.jdbc.update(sql(UPDATE_DELETED), values) == 0) {
					this.jdbc.update(sql(INSERT_SUBSCRIPTION), values);
				}
				return stored;
			});
		}
		catch (DuplicateKeyException ex) {
			throw new IllegalArgumentException("Subscription '" + subscription.id() + "' exists", ex);
		}
	}

	@Override
	public Optional<Subscription> update(Subscription subscription) {
		return change((version) -> {
			Subscription stored = stored(subscription, version);
			int updated = this.jdbc.update(sql(UPDATE_SUBSCRIPTION),
					values(stored, stored.id(), subscription.version()));
			return (updated > 0) ? Optional.of(stored) : Optional.empty();
		});
	}

	@Override
	public boolean delete(String id) {
		return change((version) -> this.jdbc.update(sql(UPDATE_DELETE), version, id) > 0);
	}

	@Override
	public Optional<Subscription> find(String id) {
		return this.jdbc.query(sql(SELECT_SUBSCRIPTION), this.subscriptionMapper, id).stream().findFirst();
	}

	@Override
	public List<Subscription> findByOwner(String owner, int offset, int limit) {
		Assert.isTrue(offset >= 0, "'offset' must not be negative");
		Assert.isTrue(limit >= 0, "'limit' must not be negative");
		return this.jdbc.query(sql(SELECT_BY_OWNER), this.subscriptionMapper, owner, limit, offset);
	}

	@Override
	public long countByOwner(String owner) {
		Long count = this.jdbc.queryForObject(sql(COUNT_BY_OWNER), Long.class, owner);
		return (count != null) ? count : 0;
	}

	/**
	 * Find what changed since a version, up to the greatest version read, or the given one if
	 * nothing changed: a version not yet committed is never reported, as its change might
	 * commit after this read.
	 */
	@Override
	public SubscriptionChanges findChanges(long version) {
		List<Change> changes = (version > 0) ? this.jdbc.query(sql(SELECT_CHANGED), this.changeMapper, version)
				: this.jdbc.query(sql(SELECT_ALL), this.changeMapper);
		long readVersion = version;
		List<Subscription> changed = new ArrayList<>();
		Set<String> deleted = new HashSet<>();
		for (Change change : changes) {
			readVersion = Math.max(readVersion, change.version());
			Subscription subscription = change.subscription();
			if (subscription != null) {
				changed.add(subscription);
			}
			else {
				deleted.add(change.id());
			}
		}
		return new SubscriptionChanges(readVersion, changed, deleted);
	}

	// runs a change in a transaction, with the next version of the store, which the transaction
	// holds until it ends
	private <T> T change(VersionedChange<T> change) {
		T result = this.transactions.execute((status) -> {
			if (this.jdbc.update(sql(INCREMENT_VERSION)) == 0) {
				throw new IllegalStateException("Table " + this.tablePrefix
						+ "subscription_version has no row: create it as the schema file does");
			}
			Long version = this.jdbc.queryForObject(sql(SELECT_VERSION), Long.class);
			Assert.state(version != null, "Version must not be null");
			return change.apply(version);
		});
		Assert.state(result != null, "Result must not be null");
		return result;
	}

	// the subscription as it is stored, and read back: at the version, instants truncated
	private static Subscription stored(Subscription subscription, long version) {
		Instant previousSecretExpiresAt = subscription.previousSecretExpiresAt();
		return new Subscription(subscription.id(), subscription.owner(), subscription.url(), subscription.events(),
				subscription.description(), subscription.secret(), subscription.previousSecret(),
				(previousSecretExpiresAt != null) ? truncate(previousSecretExpiresAt) : null,
				subscription.headers(), subscription.signature(), subscription.rateLimit(), subscription.ordered(),
				truncate(subscription.createdAt()), truncate(subscription.updatedAt()), version);
	}

	// the values of SET_COLUMNS, then the given ones
	private Object[] values(Subscription subscription, Object... more) {
		String previousSecret = subscription.previousSecret();
		Object[] values = { subscription.owner(), subscription.url().toString(),
				this.jsonMapper.writeValueAsString(subscription.events()), subscription.description(),
				this.secretCodec.encode(subscription.secret()),
				(previousSecret != null) ? this.secretCodec.encode(previousSecret) : null,
				timestamp(subscription.previousSecretExpiresAt()),
				this.jsonMapper.writeValueAsString(subscription.headers()), subscription.signature(),
				subscription.rateLimit(), subscription.ordered(), timestamp(subscription.createdAt()),
				timestamp(subscription.updatedAt()), subscription.version() };
		Object[] all = Arrays.copyOf(values, values.length + more.length);
		System.arraycopy(more, 0, all, values.length, more.length);
		return all;
	}

	private String sql(String sql) {
		return JdbcStoreSupport.sql(sql, this.tablePrefix);
	}

	private Change mapChange(ResultSet resultSet, int rowNum) throws SQLException {
		Subscription subscription = resultSet.getBoolean("deleted") ? null : mapSubscription(resultSet, rowNum);
		return new Change(getString(resultSet, "id"), resultSet.getLong("version"), subscription);
	}

	private Subscription mapSubscription(ResultSet resultSet, int rowNum) throws SQLException {
		String previousSecret = resultSet.getString("previous_secret");
		return new Subscription(getString(resultSet, "id"), getString(resultSet, "owner"),
				URI.create(getString(resultSet, "url")),
				this.jsonMapper.readValue(getString(resultSet, "events"), EVENTS_TYPE),
				resultSet.getString("description"), this.secretCodec.decode(getString(resultSet, "secret")),
				(previousSecret != null) ? this.secretCodec.decode(previousSecret) : null,
				getNullableInstant(resultSet, "previous_secret_expires_at"),
				this.jsonMapper.readValue(getString(resultSet, "headers"), HEADERS_TYPE),
				getString(resultSet, "signature"), resultSet.getDouble("rate_limit"), resultSet.getBoolean("ordered"),
				getInstant(resultSet, "created_at"), getInstant(resultSet, "updated_at"),
				resultSet.getLong("version"));
	}

	/**
	 * A change that takes the version it is made at.
	 */
	@FunctionalInterface
	private interface VersionedChange<T> {

		T apply(long version);

	}

	/**
	 * A row changed since a version: the subscription as it is, or without one if it was
	 * deleted.
	 */
	private record Change(String id, long version, @Nullable Subscription subscription) {

	}

}
