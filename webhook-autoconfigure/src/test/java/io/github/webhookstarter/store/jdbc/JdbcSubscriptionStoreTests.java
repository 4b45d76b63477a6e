package io.github.webhookstarter.store.jdbc;

import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.webhookstarter.subscription.SecretCodec;
import io.github.webhookstarter.subscription.Subscription;
import io.github.webhookstarter.subscription.SubscriptionChanges;
import io.github.webhookstarter.subscription.SubscriptionStore;
import io.github.webhookstarter.subscription.SubscriptionStoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link JdbcSubscriptionStore} on one database: the contract, with secrets
 * encoded, and what only a shared database shows: instances that share the subscriptions,
 * secrets as the codec encodes them in the table, and the caller's transaction.
 *
 * @author Webhook Starter team
 */
abstract class JdbcSubscriptionStoreTests extends SubscriptionStoreContractTests {

	// stores a secret reversed, behind a marker that decoding checks
	private static final SecretCodec REVERSING_CODEC = new SecretCodec() {

		@Override
		public String encode(String secret) {
			return "enc:" + new StringBuilder(secret).reverse();
		}

		@Override
		public String decode(String stored) {
			if (!stored.startsWith("enc:")) {
				throw new IllegalStateException("Not encoded: " + stored);
			}
			return new StringBuilder(stored.substring(4)).reverse().toString();
		}

	};

	private DataSource dataSource;

	/**
	 * Return the database to test against.
	 * @return the database
	 */
	abstract JdbcTestDatabase database();

	@Override
	protected SubscriptionStore createStore() {
		this.dataSource = database().emptyDataSource();
		return store();
	}

	// a store as another instance of the application, or the same one restarted, creates it
	private JdbcSubscriptionStore store() {
		return new JdbcSubscriptionStore(this.dataSource, "webhook_", REVERSING_CODEC);
	}

	@Test
	void secretsAreStoredAsTheCodecEncodesThemAndFoundDecoded() {
		SubscriptionStore store = store();
		store.create(subscription("a", "alice", T0));
		Map<String, Object> row = new JdbcTemplate(this.dataSource)
			.queryForMap("SELECT secret, previous_secret FROM webhook_subscription WHERE id = 'a'");
		assertThat(row).containsEntry("secret", "enc:a-terces").containsEntry("previous_secret", "enc:a-terces-dlo");
		Subscription found = store.find("a").orElseThrow();
		assertThat(found.secret()).isEqualTo("secret-a");
		assertThat(found.previousSecret()).isEqualTo("old-secret-a");
		assertThat(store.findChanges(0).changed()).extracting(Subscription::secret).containsExactly("secret-a");
	}

	@Test
	void secretsAreNotFoundWithAnotherCodec() {
		store().create(subscription("a", "alice", T0));
		SubscriptionStore plain = new JdbcSubscriptionStore(this.dataSource, SecretCodec.NONE);
		assertThat(plain.find("a").orElseThrow().secret()).isEqualTo("enc:a-terces");
	}

	@Test
	void deletedSubscriptionKeepsNoSecret() {
		SubscriptionStore store = store();
		store.create(subscription("a", "alice", T0));
		store.delete("a");
		Map<String, Object> row = new JdbcTemplate(this.dataSource).queryForMap(
				"SELECT secret, previous_secret, previous_secret_expires_at, deleted FROM webhook_subscription");
		assertThat(row).containsEntry("secret", null)
			.containsEntry("previous_secret", null)
			.containsEntry("previous_secret_expires_at", null);
		assertThat(row.get("deleted")).isIn(true, 1, (byte) 1);
	}

	@Test
	void twoInstancesShareTheSubscriptionsAndTheirChanges() {
		SubscriptionStore first = store();
		SubscriptionStore second = store();
		Subscription created = first.create(subscription("a", "alice", T0));
		assertThat(second.find("a")).contains(created);
		Subscription updated = second.update(withDescription(created, "changed")).orElseThrow();
		assertThat(first.update(withDescription(created, "also changed"))).isEmpty();
		SubscriptionChanges changes = first.findChanges(created.version());
		assertThat(changes.changed()).containsExactly(updated);
		second.delete("a");
		assertThat(first.findChanges(changes.version()).deleted()).containsExactly("a");
	}

	@Test
	void changesRollBackWithTheCallersTransaction() {
		SubscriptionStore store = store();
		Subscription kept = store.create(subscription("a", "alice", T0));
		new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)).executeWithoutResult((status) -> {
			store.create(subscription("b", "alice", T0));
			store.update(withDescription(kept, "changed")).orElseThrow();
			store.delete("a");
			status.setRollbackOnly();
		});
		assertThat(store.find("a")).contains(kept);
		assertThat(store.find("b")).isEmpty();
		SubscriptionChanges changes = store.findChanges(kept.version());
		assertThat(changes.changed()).isEmpty();
		assertThat(changes.deleted()).isEmpty();
		assertThat(store.create(subscription("b", "alice", T0)).version()).isGreaterThan(kept.version());
	}

	@Test
	void instantsAreKeptToTheMicrosecond() {
		SubscriptionStore store = store();
		Instant now = T0.plusNanos(123_456_789);
		Subscription created = store.create(subscription("a", "alice", now));
		Instant truncated = T0.plusNanos(123_456_000);
		assertThat(created.createdAt()).isEqualTo(truncated);
		assertThat(created.updatedAt()).isEqualTo(truncated.plusSeconds(1));
		assertThat(created.previousSecretExpiresAt()).isEqualTo(truncated.plusSeconds(3600));
		assertThat(store.find("a")).contains(created);
	}

	@Test
	void changesNeedTheVersionRow() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		Long version = jdbc.queryForObject("SELECT version FROM webhook_subscription_version", Long.class);
		jdbc.update("DELETE FROM webhook_subscription_version");
		try {
			assertThatIllegalStateException().isThrownBy(() -> store().create(subscription("a", "alice", T0)))
				.withMessageContaining("webhook_subscription_version has no row");
		}
		finally {
			jdbc.update("INSERT INTO webhook_subscription_version (id, version) VALUES (1, ?)", version);
		}
	}

	@Test
	void tablePrefixMustOnlyNameTables() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcSubscriptionStore(database().emptyDataSource(), "x; DROP TABLE y; --",
					SecretCodec.NONE))
			.withMessageContaining("may only hold letters, digits");
	}

}
