package io.github.webhookstarter.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Contract of a {@link SubscriptionStore}, for every implementation to pass: it works through
 * the SPI alone, with fixed instants, and assumes nothing of versions but their order, as a
 * shared store's may carry on from earlier tests.
 *
 * @author Webhook Starter team
 */
public abstract class SubscriptionStoreContractTests {

	protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final int WRITERS = 4;

	private static final int CREATES_PER_WRITER = 50;

	private SubscriptionStore store;

	/**
	 * Create an empty store.
	 * @return the store to test
	 */
	protected abstract SubscriptionStore createStore();

	@BeforeEach
	void createEmptyStore() {
		this.store = createStore();
	}

	/**
	 * Return a subscription with every property set.
	 * @param id the id
	 * @param owner the owner
	 * @param createdAt when it was created
	 * @return the subscription, at version 0
	 */
	protected static Subscription subscription(String id, String owner, Instant createdAt) {
		return new Subscription(id, owner, URI.create("https://example.com/hooks/" + id),
				List.of("order.created", "invoice.*"), "the orders of " + owner, "secret-" + id, "old-secret-" + id,
				createdAt.plusSeconds(3600), Map.of("X-Tenant", owner, "X-Trace", "on"), "standard", 2.5, true,
				createdAt, createdAt.plusSeconds(1), 0);
	}

	/**
	 * Return a subscription with no optional property set.
	 * @param id the id
	 * @return the subscription, at version 0
	 */
	protected static Subscription minimalSubscription(String id) {
		return new Subscription(id, "alice", URI.create("https://example.com/" + id), List.of("order.created"), null,
				"secret-" + id, null, null, Map.of(), "github", 0, false, T0, T0, 0);
	}

	@Test
	void createdSubscriptionIsFoundAsCreated() {
		Subscription created = this.store.create(subscription("a", "alice", T0));
		Subscription minimal = this.store.create(minimalSubscription("b"));
		assertThat(created).isEqualTo(subscription("a", "alice", T0).withVersion(created.version()));
		assertThat(created.version()).isPositive();
		assertThat(this.store.find("a")).contains(created);
		assertThat(this.store.find("b")).contains(minimal);
		assertThat(this.store.find("c")).isEmpty();
	}

	@Test
	void createWithTheIdOfAnExistingSubscriptionFailsAndChangesNothing() {
		Subscription created = this.store.create(subscription("a", "alice", T0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.store.create(subscription("a", "bob", T0.plusSeconds(5))))
			.withMessage("Subscription 'a' exists");
		assertThat(this.store.find("a")).contains(created);
		assertThat(this.store.findChanges(created.version()).changed()).isEmpty();
	}

	@Test
	void updateWithTheVersionReadSucceedsAndTakesANewVersion() {
		Subscription created = this.store.create(subscription("a", "alice", T0));
		Subscription changed = withDescription(created, "changed");
		Subscription updated = this.store.update(changed).orElseThrow();
		assertThat(updated.version()).isGreaterThan(created.version());
		assertThat(updated).isEqualTo(changed.withVersion(updated.version()));
		assertThat(this.store.find("a")).contains(updated);
	}

	@Test
	void updateWithAStaleVersionChangesNothing() {
		Subscription created = this.store.create(subscription("a", "alice", T0));
		Subscription updated = this.store.update(withDescription(created, "first")).orElseThrow();
		assertThat(this.store.update(withDescription(created, "second"))).isEmpty();
		assertThat(this.store.find("a")).contains(updated);
		assertThat(this.store.findChanges(updated.version()).changed()).isEmpty();
	}

	@Test
	void updateOfAnUnknownOrDeletedSubscriptionChangesNothing() {
		assertThat(this.store.update(subscription("a", "alice", T0))).isEmpty();
		assertThat(this.store.find("a")).isEmpty();
		Subscription created = this.store.create(subscription("b", "alice", T0));
		this.store.delete("b");
		assertThat(this.store.update(withDescription(created, "changed"))).isEmpty();
		assertThat(this.store.find("b")).isEmpty();
	}

	@Test
	void deletedSubscriptionIsNotFoundAndIsReportedAsDeleted() {
		Subscription created = this.store.create(subscription("a", "alice", T0));
		long before = this.store.findChanges(0).version();
		assertThat(this.store.delete("a")).isTrue();
		assertThat(this.store.find("a")).isEmpty();
		assertThat(this.store.findByOwner("alice", 0, 10)).isEmpty();
		assertThat(this.store.countByOwner("alice")).isZero();
		SubscriptionChanges changes = this.store.findChanges(before);
		assertThat(changes.deleted()).containsExactly("a");
		assertThat(changes.changed()).isEmpty();
		assertThat(changes.version()).isGreaterThan(created.version());
		assertThat(this.store.findChanges(0).changed()).isEmpty();
	}

	@Test
	void deleteOfAnUnknownOrDeletedSubscriptionAnswersFalse() {
		Subscription created = this.store.create(subscription("a", "alice", T0));
		assertThat(this.store.delete("b")).isFalse();
		assertThat(this.store.delete("a")).isTrue();
		long afterDelete = this.store.findChanges(created.version()).version();
		assertThat(afterDelete).isGreaterThan(created.version());
		assertThat(this.store.delete("a")).isFalse();
		assertThat(this.store.findChanges(afterDelete).deleted()).isEmpty();
	}

	@Test
	void idOfADeletedSubscriptionMayBeCreatedAgain() {
		Subscription first = this.store.create(subscription("a", "alice", T0));
		this.store.delete("a");
		long afterDelete = this.store.findChanges(first.version()).version();
		Subscription second = this.store.create(subscription("a", "bob", T0.plusSeconds(10)));
		assertThat(second.version()).isGreaterThan(afterDelete);
		assertThat(this.store.find("a")).contains(second);
		assertThat(this.store.findByOwner("bob", 0, 10)).containsExactly(second);
		SubscriptionChanges changes = this.store.findChanges(afterDelete);
		assertThat(changes.changed()).containsExactly(second);
		assertThat(changes.deleted()).isEmpty();
	}

	@Test
	void changesSinceAVersionAreExactlyThoseMadeAfterIt() {
		this.store.create(subscription("a", "alice", T0));
		Subscription b = this.store.create(subscription("b", "alice", T0));
		this.store.create(subscription("c", "bob", T0));
		long since = this.store.findChanges(0).version();
		Subscription updatedB = this.store.update(withDescription(b, "changed")).orElseThrow();
		Subscription d = this.store.create(subscription("d", "bob", T0));
		this.store.delete("a");
		SubscriptionChanges changes = this.store.findChanges(since);
		assertThat(changes.changed()).containsExactlyInAnyOrder(updatedB, d);
		assertThat(changes.deleted()).containsExactly("a");
		assertThat(changes.version()).isGreaterThanOrEqualTo(updatedB.version())
			.isGreaterThanOrEqualTo(d.version())
			.isGreaterThan(since);
		SubscriptionChanges none = this.store.findChanges(changes.version());
		assertThat(none.changed()).isEmpty();
		assertThat(none.deleted()).isEmpty();
		assertThat(none.version()).isEqualTo(changes.version());
	}

	@Test
	void changesSinceZeroAreEverySubscription() {
		Subscription a = this.store.create(subscription("a", "alice", T0));
		Subscription b = this.store.create(minimalSubscription("b"));
		this.store.create(subscription("c", "bob", T0));
		this.store.delete("c");
		SubscriptionChanges changes = this.store.findChanges(0);
		assertThat(changes.changed()).containsExactlyInAnyOrder(a, b);
		assertThat(changes.version()).isGreaterThanOrEqualTo(b.version());
	}

	@Test
	void versionsStrictlyIncrease() {
		List<Long> versions = new ArrayList<>();
		Subscription a = this.store.create(subscription("a", "alice", T0));
		versions.add(a.version());
		versions.add(this.store.create(subscription("b", "alice", T0)).version());
		a = this.store.update(withDescription(a, "changed")).orElseThrow();
		versions.add(a.version());
		long before = this.store.findChanges(0).version();
		this.store.delete("b");
		versions.add(this.store.findChanges(before).version());
		versions.add(this.store.update(withDescription(a, "changed again")).orElseThrow().version());
		versions.add(this.store.create(subscription("c", "alice", T0)).version());
		assertThat(versions).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void subscriptionsOfAnOwnerArePagedInCreationOrderThenById() {
		Subscription c = this.store.create(subscription("c", "alice", T0));
		Subscription b = this.store.create(subscription("b", "alice", T0.plusSeconds(1)));
		Subscription a = this.store.create(subscription("a", "alice", T0.plusSeconds(1)));
		Subscription d = this.store.create(subscription("d", "alice", T0.minusSeconds(1)));
		this.store.create(subscription("e", "bob", T0));
		this.store.create(subscription("f", "alice", T0));
		this.store.delete("f");
		assertThat(this.store.findByOwner("alice", 0, 10)).containsExactly(d, c, a, b);
		assertThat(this.store.findByOwner("alice", 0, 2)).containsExactly(d, c);
		assertThat(this.store.findByOwner("alice", 2, 2)).containsExactly(a, b);
		assertThat(this.store.findByOwner("alice", 3, 2)).containsExactly(b);
		assertThat(this.store.findByOwner("alice", 4, 2)).isEmpty();
		assertThat(this.store.findByOwner("carol", 0, 10)).isEmpty();
		assertThat(this.store.countByOwner("alice")).isEqualTo(4);
		assertThat(this.store.countByOwner("bob")).isOne();
		assertThat(this.store.countByOwner("carol")).isZero();
	}

	@Test
	void concurrentCreatesTakeDistinctVersionsAndAReaderOfTheChangesMissesNone() throws Exception {
		AtomicBoolean writing = new AtomicBoolean(true);
		CyclicBarrier start = new CyclicBarrier(WRITERS + 1);
		ExecutorService executor = Executors.newFixedThreadPool(WRITERS + 1);
		try {
			Future<Map<String, Subscription>> reader = executor.submit(() -> {
				start.await();
				Map<String, Subscription> read = new HashMap<>();
				long version = 0;
				boolean done;
				do {
					// one more read once the writers are done
					done = !writing.get();
					version = readChanges(read, version);
				}
				while (!done);
				return read;
			});
			List<Future<List<Subscription>>> writers = new ArrayList<>();
			for (int writer = 0; writer < WRITERS; writer++) {
				String prefix = "writer-" + writer + "-";
				writers.add(executor.submit(() -> {
					start.await();
					List<Subscription> created = new ArrayList<>();
					for (int i = 0; i < CREATES_PER_WRITER; i++) {
						created.add(this.store.create(subscription(prefix + i, "alice", T0)));
					}
					return created;
				}));
			}
			Map<String, Subscription> created = new HashMap<>();
			for (Future<List<Subscription>> writer : writers) {
				writer.get(1, TimeUnit.MINUTES).forEach((subscription) -> created.put(subscription.id(), subscription));
			}
			writing.set(false);
			Map<String, Subscription> read = reader.get(1, TimeUnit.MINUTES);
			assertThat(created).hasSize(WRITERS * CREATES_PER_WRITER);
			assertThat(created.values().stream().map(Subscription::version).distinct())
				.hasSize(WRITERS * CREATES_PER_WRITER);
			assertThat(read.keySet()).as("subscriptions read").containsExactlyInAnyOrderElementsOf(created.keySet());
			assertThat(read).isEqualTo(created);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void concurrentUpdatesOfTheSameVersionSucceedOnce() throws Exception {
		Subscription subscription = this.store.create(subscription("a", "alice", T0));
		ExecutorService executor = Executors.newFixedThreadPool(WRITERS);
		try {
			for (int round = 0; round < 10; round++) {
				CyclicBarrier start = new CyclicBarrier(WRITERS);
				List<Future<Boolean>> updates = new ArrayList<>();
				for (int writer = 0; writer < WRITERS; writer++) {
					Subscription changed = withDescription(subscription, "round " + round + " writer " + writer);
					updates.add(executor.submit(() -> {
						start.await();
						return this.store.update(changed).isPresent();
					}));
				}
				int succeeded = 0;
				for (Future<Boolean> update : updates) {
					succeeded += update.get(1, TimeUnit.MINUTES) ? 1 : 0;
				}
				assertThat(succeeded).as("round %d", round).isOne();
				Subscription updated = this.store.find("a").orElseThrow();
				assertThat(updated.version()).isGreaterThan(subscription.version());
				subscription = updated;
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	// applies the changes since a version to what was read, as an instance keeping every
	// subscription in memory does
	private long readChanges(Map<String, Subscription> read, long version) {
		SubscriptionChanges changes = this.store.findChanges(version);
		assertThat(changes.version()).isGreaterThanOrEqualTo(version);
		Set<String> changedIds = new HashSet<>();
		for (Subscription subscription : changes.changed()) {
			assertThat(subscription.version()).isGreaterThan(version).isLessThanOrEqualTo(changes.version());
			changedIds.add(subscription.id());
			read.put(subscription.id(), subscription);
		}
		assertThat(changes.deleted()).allSatisfy((id) -> assertThat(changedIds).doesNotContain(id));
		read.keySet().removeAll(changes.deleted());
		return changes.version();
	}

	protected static Subscription withDescription(Subscription subscription, String description) {
		return new Subscription(subscription.id(), subscription.owner(), subscription.url(), subscription.events(),
				description, subscription.secret(), subscription.previousSecret(),
				subscription.previousSecretExpiresAt(), subscription.headers(), subscription.signature(),
				subscription.rateLimit(), subscription.ordered(), subscription.createdAt(),
				subscription.updatedAt().plusSeconds(1), subscription.version());
	}

}
