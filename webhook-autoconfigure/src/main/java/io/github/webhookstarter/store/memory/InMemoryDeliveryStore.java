package io.github.webhookstarter.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.webhookstarter.outbound.AttemptRecord;
import io.github.webhookstarter.outbound.ClaimedDelivery;
import io.github.webhookstarter.outbound.Delivery;
import io.github.webhookstarter.outbound.DeliveryAttempt;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.DeliveryStoreFullException;
import io.github.webhookstarter.outbound.WebhookMessage;

/**
 * {@link DeliveryStore} in memory: fast, but what it holds is lost when the application stops.
 * Finished deliveries are kept, with their messages and attempts, until then, until
 * {@linkplain #purge purged}, or until room is needed.
 * <p>
 * It holds at most a given number of deliveries, whatever their status. To make room for the
 * deliveries of a new message, it forgets the delivered or cancelled deliveries that finished
 * longest ago, with their attempts, and a message once none of its deliveries is left. When
 * that is not enough, as the other deliveries are pending, in flight, or failed and awaiting a
 * retry, it refuses the message with a {@link DeliveryStoreFullException}.
 * <p>
 * A delivery is created, and first due, at the timestamp of its message. Claiming costs in
 * proportion to the deliveries claimed and to the endpoints claimed for, however many
 * deliveries are finished, wait behind an ordered endpoint or are to other endpoints.
 *
 * @author Webhook Starter team
 */
public class InMemoryDeliveryStore implements DeliveryStore {

	// publish order breaks ties, so that deliveries due at the same time keep it
	private static final Comparator<Entry> DUE_ORDER = Comparator.comparing((Entry entry) -> entry.dueAt)
		.thenComparingLong((entry) -> entry.sequence);

	private static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing((Entry entry) -> entry.createdAt)
		.thenComparing((entry) -> entry.id)
		.reversed();

	/**
	 * The number of deliveries held by default.
	 */
	public static final int DEFAULT_MAX_DELIVERIES = 10_000;

	private final int maxDeliveries;

	private final Object lock = new Object();

	private final Map<String, WebhookMessage> messages = new HashMap<>();

	private final Map<String, List<Entry>> deliveriesByMessage = new HashMap<>();

	private final Map<String, Entry> deliveries = new HashMap<>();

	// the pending and in-flight deliveries of each endpoint that has any, so that claiming never
	// looks at finished deliveries
	private final Map<String, Backlog> backlogs = new HashMap<>();

	// the delivered and cancelled deliveries, in the order they finished: the first are forgotten first
	private final Set<Entry> forgettable = new LinkedHashSet<>();

	private long unfinished;

	private long sequence;

	/**
	 * Create a store that holds at most {@value #DEFAULT_MAX_DELIVERIES} deliveries.
	 */
	public InMemoryDeliveryStore() {
		this(DEFAULT_MAX_DELIVERIES);
	}

	/**
	 * Create a store that holds at most the given number of deliveries.
	 * @param maxDeliveries the maximum number of deliveries
	 */
	public InMemoryDeliveryStore(int maxDeliveries) {
		Assert.isTrue(maxDeliveries > 0, "'maxDeliveries' must be positive");
		this.maxDeliveries = maxDeliveries;
	}

	@Override
	public List<Delivery> save(WebhookMessage message, Collection<String> endpoints) {
		synchronized (this.lock) {
			if (this.messages.containsKey(message.id())) {
				throw new IllegalArgumentException("Message '" + message.id() + "' is already stored");
			}
			makeRoom(message, endpoints.size());
			this.messages.put(message.id(), message);
			List<Entry> entries = new ArrayList<>(endpoints.size());
			for (String endpoint : endpoints) {
				Entry entry = new Entry(UUID.randomUUID().toString(), message.id(), endpoint, message.timestamp(),
						this.sequence++);
				this.deliveries.put(entry.id, entry);
				index(entry);
				entries.add(entry);
			}
			this.deliveriesByMessage.put(message.id(), entries);
			return entries.stream().map(Entry::toDelivery).toList();
		}
	}

	private void makeRoom(WebhookMessage message, int needed) {
		int excess = this.deliveries.size() + needed - this.maxDeliveries;
		if (excess > this.forgettable.size()) {
			throw new DeliveryStoreFullException("The in-memory delivery store is full: it holds at most "
					+ this.maxDeliveries + " deliveries, too few of which are delivered or cancelled to make room "
					+ "for the " + needed + " deliveries of message '" + message.id() + "' (" + message.type()
					+ "). Raise 'webhook.outbound.memory.max-deliveries', or use a JDBC store, which is durable and "
					+ "unbounded.");
		}
		Iterator<Entry> oldest = this.forgettable.iterator();
		for (int i = 0; i < excess; i++) {
			Entry entry = oldest.next();
			oldest.remove();
			this.deliveries.remove(entry.id);
			// every stored delivery is indexed by its message until it is forgotten
			List<Entry> siblings = Objects.requireNonNull(this.deliveriesByMessage.get(entry.messageId));
			siblings.remove(entry);
			if (siblings.isEmpty()) {
				this.deliveriesByMessage.remove(entry.messageId);
				this.messages.remove(entry.messageId);
			}
		}
	}

	@Override
	public List<ClaimedDelivery> claimDue(Instant now, int limit, Duration lease, Set<String> orderedEndpoints,
			Set<String> claimableEndpoints) {
		synchronized (this.lock) {
			// merges the due deliveries of the endpoints, reading each backlog no further than
			// what is claimed from it
			Queue<Candidate> candidates = new PriorityQueue<>(Comparator.comparing(Candidate::entry, DUE_ORDER));
			for (String endpoint : claimableEndpoints) {
				Backlog backlog = this.backlogs.get(endpoint);
				if (backlog != null) {
					offerNextDue(backlog.claimable(orderedEndpoints.contains(endpoint)), now, candidates);
				}
			}
			List<Entry> claimed = new ArrayList<>();
			while (claimed.size() < limit && !candidates.isEmpty()) {
				Candidate candidate = candidates.remove();
				claimed.add(candidate.entry());
				offerNextDue(candidate.followers(), now, candidates);
			}
			// updated only now, as a change of due time would break the iterators of the merge
			List<ClaimedDelivery> claimedDeliveries = new ArrayList<>(claimed.size());
			for (Entry entry : claimed) {
				markClaimed(entry, now, lease);
				claimedDeliveries.add(new ClaimedDelivery(entry.toDelivery(),
						Objects.requireNonNull(this.messages.get(entry.messageId))));
			}
			return claimedDeliveries;
		}
	}

	private static void offerNextDue(Iterator<Entry> entries, Instant now, Queue<Candidate> candidates) {
		if (entries.hasNext()) {
			Entry entry = entries.next();
			if (entry.isDue(now)) {
				candidates.add(new Candidate(entry, entries));
			}
		}
	}

	@Override
	public List<Delivery> claim(Collection<String> deliveryIds, Instant now, Duration lease) {
		synchronized (this.lock) {
			List<Delivery> claimed = new ArrayList<>(deliveryIds.size());
			for (String deliveryId : deliveryIds) {
				Entry entry = this.deliveries.get(deliveryId);
				if (entry != null && entry.status == DeliveryStatus.PENDING && entry.isDue(now)) {
					markClaimed(entry, now, lease);
					claimed.add(entry.toDelivery());
				}
			}
			return claimed;
		}
	}

	@Override
	public Set<String> recordAttempts(List<AttemptRecord> attempts) {
		Set<String> recorded = new HashSet<>();
		synchronized (this.lock) {
			for (AttemptRecord record : attempts) {
				DeliveryAttempt attempt = record.attempt();
				Entry entry = this.deliveries.get(attempt.deliveryId());
				if (entry == null) {
					continue;
				}
				if (entry.status != DeliveryStatus.IN_FLIGHT || entry.attempts != attempt.number()) {
					entry.addAttempt(attempt.withLeaseLost());
					continue;
				}
				entry.addAttempt(attempt);
				entry.lastError = attempt.failure();
				update(entry, record.status(), record.nextAttemptAt());
				recorded.add(attempt.deliveryId());
			}
		}
		return recorded;
	}

	@Override
	public void release(Collection<String> deliveryIds) {
		synchronized (this.lock) {
			for (String deliveryId : deliveryIds) {
				Entry entry = this.deliveries.get(deliveryId);
				if (entry != null && entry.status == DeliveryStatus.IN_FLIGHT) {
					entry.attempts--;
					// due again as it was before the claim, in the same place of the claim order
					update(entry, DeliveryStatus.PENDING, entry.dueBeforeClaim);
				}
			}
		}
	}

	@Override
	public boolean retry(String deliveryId, Instant now) {
		synchronized (this.lock) {
			Entry entry = this.deliveries.get(deliveryId);
			if (entry == null || (entry.status != DeliveryStatus.FAILED && entry.status != DeliveryStatus.CANCELLED)) {
				return false;
			}
			update(entry, DeliveryStatus.PENDING, now);
			return true;
		}
	}

	@Override
	public int recover(String endpoint, Instant since, Instant now) {
		synchronized (this.lock) {
			int recovered = 0;
			// failed deliveries are not indexed: recovering them is a rare operation by hand
			for (Entry entry : this.deliveries.values()) {
				if (entry.status == DeliveryStatus.FAILED && entry.endpoint.equals(endpoint)
						&& !entry.createdAt.isBefore(since)) {
					update(entry, DeliveryStatus.PENDING, now);
					recovered++;
				}
			}
			return recovered;
		}
	}

	@Override
	public Optional<Delivery> findDelivery(String deliveryId) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.deliveries.get(deliveryId)).map(Entry::toDelivery);
		}
	}

	@Override
	public List<Delivery> findDeliveries(String messageId) {
		synchronized (this.lock) {
			return this.deliveriesByMessage.getOrDefault(messageId, List.of())
				.stream()
				.map(Entry::toDelivery)
				.toList();
		}
	}

	@Override
	public Optional<WebhookMessage> findMessage(String messageId) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.messages.get(messageId));
		}
	}

	@Override
	public List<DeliveryAttempt> findAttempts(String deliveryId) {
		synchronized (this.lock) {
			Entry entry = this.deliveries.get(deliveryId);
			return (entry != null) ? List.copyOf(entry.recordedAttempts) : List.of();
		}
	}

	@Override
	public long countUnfinished() {
		synchronized (this.lock) {
			return this.unfinished;
		}
	}

	@Override
	public List<Delivery> findDeliveries(@Nullable DeliveryStatus status, @Nullable String endpoint, int limit) {
		synchronized (this.lock) {
			return Listings.list(this.deliveries.values(), (entry) -> (status == null || entry.status == status)
					&& (endpoint == null || entry.endpoint.equals(endpoint)), NEWEST_FIRST, limit, Entry::toDelivery);
		}
	}

	@Override
	public List<DeliveryAttempt> findRecentAttempts(String endpoint, int limit) {
		synchronized (this.lock) {
			return this.deliveries.values()
				.stream()
				.filter((entry) -> entry.endpoint.equals(endpoint))
				.flatMap((entry) -> entry.recordedAttempts.stream())
				.sorted(Comparator.comparing(DeliveryAttempt::startedAt)
					.thenComparingInt(DeliveryAttempt::number)
					.reversed())
				.limit(Math.max(limit, 0))
				.toList();
		}
	}

	@Override
	public Optional<Instant> findOldestUnfinishedCreationTime() {
		synchronized (this.lock) {
			return this.backlogs.values()
				.stream()
				.flatMap((backlog) -> backlog.inPublishOrder.stream())
				.map((entry) -> entry.createdAt)
				.min(Comparator.naturalOrder());
		}
	}

	@Override
	public int cancel(String endpoint) {
		synchronized (this.lock) {
			Backlog backlog = this.backlogs.get(endpoint);
			if (backlog == null) {
				return 0;
			}
			// copied, as cancelling takes the entries out of the backlog
			List<Entry> pending = backlog.inPublishOrder.stream()
				.filter((entry) -> entry.status == DeliveryStatus.PENDING)
				.toList();
			pending.forEach((entry) -> update(entry, DeliveryStatus.CANCELLED, null));
			return pending.size();
		}
	}

	@Override
	public int purge(Instant before, int limit) {
		synchronized (this.lock) {
			int purged = 0;
			// finished messages are not indexed by time: purging is a rare background operation
			Iterator<WebhookMessage> messages = this.messages.values().iterator();
			while (purged < limit && messages.hasNext()) {
				WebhookMessage message = messages.next();
				List<Entry> entries = Objects.requireNonNull(this.deliveriesByMessage.get(message.id()));
				if (message.timestamp().isBefore(before) && entries.stream().allMatch(Entry::isPurgeable)) {
					messages.remove();
					this.deliveriesByMessage.remove(message.id());
					// none is in a backlog, as none is pending or in flight
					entries.forEach((entry) -> {
						this.deliveries.remove(entry.id);
						this.forgettable.remove(entry);
					});
					purged++;
				}
			}
			return purged;
		}
	}

	// in flight until the lease ends, an attempt counted; due as before if it is released
	private void markClaimed(Entry entry, Instant now, Duration lease) {
		entry.attempts++;
		entry.dueBeforeClaim = entry.dueAt;
		update(entry, DeliveryStatus.IN_FLIGHT, now.plus(lease));
	}

	private void update(Entry entry, DeliveryStatus status, @Nullable Instant dueAt) {
		if (entry.isUnfinished() && Entry.isUnfinished(status)) {
			// claimed or released: it keeps its place in its endpoint's backlog but for the due order
			Backlog backlog = Objects.requireNonNull(this.backlogs.get(entry.endpoint));
			backlog.byDueTime.remove(entry);
			entry.status = status;
			entry.dueAt = dueAt;
			backlog.byDueTime.add(entry);
			return;
		}
		unindex(entry);
		entry.status = status;
		entry.dueAt = dueAt;
		index(entry);
	}

	private void index(Entry entry) {
		if (entry.isUnfinished()) {
			this.backlogs.computeIfAbsent(entry.endpoint, (endpoint) -> new Backlog()).add(entry);
			this.unfinished++;
		}
		else if (entry.isPurgeable()) {
			this.forgettable.add(entry);
		}
	}

	private void unindex(Entry entry) {
		if (entry.isUnfinished()) {
			// an unfinished entry is in the backlog of its endpoint
			Backlog backlog = Objects.requireNonNull(this.backlogs.get(entry.endpoint));
			backlog.remove(entry);
			if (backlog.isEmpty()) {
				this.backlogs.remove(entry.endpoint);
			}
			this.unfinished--;
		}
		else if (entry.isPurgeable()) {
			this.forgettable.remove(entry);
		}
	}

	/**
	 * The pending and in-flight deliveries of one endpoint, indexed by due time for claiming
	 * and in publish order for the endpoint to be claimed in order.
	 */
	private static final class Backlog {

		private final NavigableSet<Entry> byDueTime = new TreeSet<>(DUE_ORDER);

		private final NavigableSet<Entry> inPublishOrder = new TreeSet<>(
				Comparator.comparingLong((Entry entry) -> entry.sequence));

		private void add(Entry entry) {
			this.byDueTime.add(entry);
			this.inPublishOrder.add(entry);
		}

		private void remove(Entry entry) {
			this.byDueTime.remove(entry);
			this.inPublishOrder.remove(entry);
		}

		private boolean isEmpty() {
			return this.inPublishOrder.isEmpty();
		}

		// the deliveries that may be claimed once due, in the order to claim them: only the
		// oldest of an ordered endpoint, whatever its status, so that it blocks the others
		private Iterator<Entry> claimable(boolean ordered) {
			return ordered ? List.of(this.inPublishOrder.first()).iterator() : this.byDueTime.iterator();
		}

	}

	/**
	 * The next due delivery of an endpoint, and those that may follow it.
	 */
	private record Candidate(Entry entry, Iterator<Entry> followers) {

	}

	private static final class Entry {

		private final String id;

		private final String messageId;

		private final String endpoint;

		private final Instant createdAt;

		private final long sequence;

		// most deliveries have one attempt, none while pending: a list is made for a second one
		private List<DeliveryAttempt> recordedAttempts = List.of();

		private DeliveryStatus status = DeliveryStatus.PENDING;

		private int attempts;

		private @Nullable Instant dueAt;

		private @Nullable Instant dueBeforeClaim;

		private @Nullable String lastError;

		private Entry(String id, String messageId, String endpoint, Instant createdAt, long sequence) {
			this.id = id;
			this.messageId = messageId;
			this.endpoint = endpoint;
			this.createdAt = createdAt;
			this.sequence = sequence;
			this.dueAt = createdAt;
		}

		private void addAttempt(DeliveryAttempt attempt) {
			if (this.recordedAttempts.isEmpty()) {
				this.recordedAttempts = List.of(attempt);
				return;
			}
			if (!(this.recordedAttempts instanceof ArrayList)) {
				this.recordedAttempts = new ArrayList<>(this.recordedAttempts);
			}
			this.recordedAttempts.add(attempt);
		}

		private boolean isUnfinished() {
			return isUnfinished(this.status);
		}

		private static boolean isUnfinished(DeliveryStatus status) {
			return status == DeliveryStatus.PENDING || status == DeliveryStatus.IN_FLIGHT;
		}

		private boolean isPurgeable() {
			return this.status == DeliveryStatus.DELIVERED || this.status == DeliveryStatus.CANCELLED;
		}

		private boolean isDue(Instant now) {
			return this.dueAt != null && !this.dueAt.isAfter(now);
		}

		private Delivery toDelivery() {
			return new Delivery(this.id, this.messageId, this.endpoint, this.status, this.attempts, this.dueAt,
					this.createdAt, this.lastError);
		}

	}

}
