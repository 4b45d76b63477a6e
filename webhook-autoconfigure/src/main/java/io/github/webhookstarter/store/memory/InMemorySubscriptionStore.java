package io.github.webhookstarter.store.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.webhookstarter.subscription.Subscription;
import io.github.webhookstarter.subscription.SubscriptionChanges;
import io.github.webhookstarter.subscription.SubscriptionStore;

/**
 * {@link SubscriptionStore} in memory: the subscriptions are this instance's alone, and lost
 * when the application stops.
 * <p>
 * Every operation runs under one lock, changes take their versions from a counter under it,
 * so versions are in the order changes are made, and a reader of the changes sees every
 * change up to the version it is given. A deleted subscription is kept as the id and version
 * of its deletion, so that {@link #findChanges(long)} reports it; its secrets are not kept.
 *
 * @author Webhook Starter team
 */
public class InMemorySubscriptionStore implements SubscriptionStore {

	private static final Comparator<Subscription> PAGE_ORDER = Comparator.comparing(Subscription::createdAt)
		.thenComparing(Subscription::id);

	private final Object lock = new Object();

	// by id, the deleted ones as entries without a subscription
	private final Map<String, Entry> entries = new HashMap<>();

	private long version;

	@Override
	public Subscription create(Subscription subscription) {
		synchronized (this.lock) {
			if (find(subscription.id()).isPresent()) {
				throw new IllegalArgumentException("Subscription '" + subscription.id() + "' exists");
			}
			return store(subscription);
		}
	}

	@Override
	public Optional<Subscription> update(Subscription subscription) {
		synchronized (this.lock) {
			return find(subscription.id()).filter((stored) -> stored.version() == subscription.version())
				.map((stored) -> store(subscription));
		}
	}

	@Override
	public boolean delete(String id) {
		synchronized (this.lock) {
			if (find(id).isEmpty()) {
				return false;
			}
			this.entries.put(id, new Entry(null, ++this.version));
			return true;
		}
	}

	@Override
	public Optional<Subscription> find(String id) {
		synchronized (this.lock) {
			Entry entry = this.entries.get(id);
			return Optional.ofNullable((entry != null) ? entry.subscription() : null);
		}
	}

	@Override
	public List<Subscription> findByOwner(String owner, int offset, int limit) {
		Assert.isTrue(offset >= 0, "'offset' must not be negative");
		Assert.isTrue(limit >= 0, "'limit' must not be negative");
		synchronized (this.lock) {
			return subscriptions(owner).sorted(PAGE_ORDER).skip(offset).limit(limit).toList();
		}
	}

	@Override
	public long countByOwner(String owner) {
		synchronized (this.lock) {
			return subscriptions(owner).count();
		}
	}

	@Override
	public SubscriptionChanges findChanges(long version) {
		synchronized (this.lock) {
			List<Subscription> changed = new ArrayList<>();
			Set<String> deleted = new HashSet<>();
			this.entries.forEach((id, entry) -> {
				Subscription subscription = entry.subscription();
				if (entry.version() > version) {
					if (subscription != null) {
						changed.add(subscription);
					}
					else if (version > 0) {
						deleted.add(id);
					}
				}
			});
			return new SubscriptionChanges(Math.max(version, this.version), changed, deleted);
		}
	}

	private Stream<Subscription> subscriptions(String owner) {
		return this.entries.values()
			.stream()
			.map(Entry::subscription)
			.filter((subscription) -> subscription != null && subscription.owner().equals(owner));
	}

	// called under the lock
	private Subscription store(Subscription subscription) {
		Subscription stored = subscription.withVersion(++this.version);
		this.entries.put(stored.id(), new Entry(stored, stored.version()));
		return stored;
	}

	/**
	 * A subscription as stored, or the deletion of one.
	 */
	private record Entry(@Nullable Subscription subscription, long version) {

	}

}
