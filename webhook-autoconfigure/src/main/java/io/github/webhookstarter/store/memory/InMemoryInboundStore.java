package io.github.webhookstarter.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.inbound.InboundCallStatus;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundStoreFullException;
import io.github.webhookstarter.inbound.StoredInboundCall;

/**
 * {@link InboundStore} in memory: fast, but what it holds is lost when the application stops.
 * <p>
 * It holds at most a given number of calls. To make room for a new call, it forgets the calls
 * processed longest ago, with their webhook ids: a webhook id is remembered against duplicates
 * only as long as its call is kept. When every call it holds is pending, in flight or failed,
 * it refuses new calls with an {@link InboundStoreFullException}.
 *
 * @author Webhook Starter team
 */
public class InMemoryInboundStore implements InboundStore {

	private static final Comparator<Entry> NEWEST_FIRST = Comparator
		.comparing((Entry entry) -> entry.call.receivedAt())
		.thenComparing((entry) -> entry.call.id())
		.reversed();

	/**
	 * The number of calls held by default.
	 */
	public static final int DEFAULT_MAX_CALLS = 10_000;

	private final int maxCalls;

	private final Object lock = new Object();

	private final Map<String, Entry> calls = new HashMap<>();

	private final Map<WebhookIdKey, String> callIdsByWebhookId = new HashMap<>();

	// the pending and in-flight calls, by due time (an in-flight call is due again when its lease
	// expires), then in the order they became due: claiming takes the first ones, never scanning
	// the others, and keeps the lock that calls are stored under for as long as it claims
	private final NavigableSet<Entry> due = new TreeSet<>(
			Comparator.comparing((Entry entry) -> Objects.requireNonNull(entry.dueAt))
				.thenComparingLong((entry) -> entry.dueSequence));

	private long dueSequence;

	// ids of the processed calls, in the order they were processed: the first are forgotten first
	private final Set<String> processed = new LinkedHashSet<>();

	/**
	 * Create a store that holds at most {@value #DEFAULT_MAX_CALLS} calls.
	 */
	public InMemoryInboundStore() {
		this(DEFAULT_MAX_CALLS);
	}

	/**
	 * Create a store that holds at most the given number of calls.
	 * @param maxCalls the maximum number of calls
	 */
	public InMemoryInboundStore(int maxCalls) {
		Assert.isTrue(maxCalls > 0, "'maxCalls' must be positive");
		this.maxCalls = maxCalls;
	}

	@Override
	public boolean saveClaimed(InboundCall call, Instant leaseEnd) {
		synchronized (this.lock) {
			Entry entry = save(call);
			if (entry == null) {
				return false;
			}
			entry.status = InboundCallStatus.IN_FLIGHT;
			entry.attempts = 1;
			schedule(entry, leaseEnd);
			return true;
		}
	}

	private void forgetOldestProcessed() {
		Iterator<String> oldest = this.processed.iterator();
		if (!oldest.hasNext()) {
			throw new InboundStoreFullException("The in-memory inbound store is full: its " + this.maxCalls
					+ " calls are all pending, in flight or failed. Raise 'webhook.inbound.memory.max-calls', or use "
					+ "a JDBC store, which is durable and unbounded.");
		}
		Entry entry = Objects.requireNonNull(this.calls.remove(oldest.next()));
		oldest.remove();
		forgetWebhookId(entry);
	}

	@Override
	public boolean savePending(InboundCall call) {
		synchronized (this.lock) {
			Entry entry = save(call);
			if (entry == null) {
				return false;
			}
			schedule(entry, call.receivedAt());
			return true;
		}
	}

	private @Nullable Entry save(InboundCall call) {
		String webhookId = call.webhookId();
		if (webhookId != null && this.callIdsByWebhookId.containsKey(key(call.source(), webhookId))) {
			return null;
		}
		if (this.calls.size() >= this.maxCalls) {
			forgetOldestProcessed();
		}
		if (webhookId != null) {
			this.callIdsByWebhookId.put(key(call.source(), webhookId), call.id());
		}
		Entry entry = new Entry(call);
		this.calls.put(call.id(), entry);
		return entry;
	}

	// makes an unfinished call due at the given time
	private void schedule(Entry entry, Instant dueAt) {
		unschedule(entry);
		entry.dueAt = dueAt;
		entry.dueSequence = this.dueSequence++;
		this.due.add(entry);
	}

	// takes a call out of the due calls: it is finished or forgotten
	private void unschedule(Entry entry) {
		if (entry.dueAt != null) {
			this.due.remove(entry);
			entry.dueAt = null;
		}
	}

	@Override
	public @Nullable InboundCallStatus findStatus(String source, String webhookId) {
		synchronized (this.lock) {
			String callId = this.callIdsByWebhookId.get(key(source, webhookId));
			return (callId != null) ? Objects.requireNonNull(this.calls.get(callId)).status : null;
		}
	}

	@Override
	public List<StoredInboundCall> claimDue(Instant now, int limit, Duration lease) {
		synchronized (this.lock) {
			List<Entry> due = new ArrayList<>(Math.min(limit, this.due.size()));
			for (Entry entry : this.due) {
				if (due.size() >= limit || Objects.requireNonNull(entry.dueAt).isAfter(now)) {
					break;
				}
				due.add(entry);
			}
			List<StoredInboundCall> claimed = new ArrayList<>(due.size());
			Instant leaseEnd = now.plus(lease);
			for (Entry entry : due) {
				entry.status = InboundCallStatus.IN_FLIGHT;
				entry.attempts++;
				// an expired lease makes the call due again, should its worker have died
				schedule(entry, leaseEnd);
				claimed.add(entry.toStored());
			}
			return claimed;
		}
	}

	@Override
	public boolean renewLease(String callId, int attempt, Instant leaseEnd) {
		synchronized (this.lock) {
			Entry entry = claimed(callId, attempt);
			if (entry == null) {
				return false;
			}
			schedule(entry, leaseEnd);
			return true;
		}
	}

	@Override
	public boolean markProcessed(String callId, int attempt, Instant processedAt) {
		return finish(callId, attempt, InboundCallStatus.PROCESSED, null, Set.of(), processedAt);
	}

	@Override
	public boolean markRetry(String callId, int attempt, Instant dueAt, String error, Set<String> completedListeners) {
		synchronized (this.lock) {
			Entry entry = claimed(callId, attempt);
			if (entry == null) {
				return false;
			}
			entry.status = InboundCallStatus.PENDING;
			schedule(entry, dueAt);
			entry.lastError = error;
			entry.completedListeners = Set.copyOf(completedListeners);
			return true;
		}
	}

	@Override
	public boolean markFailed(String callId, int attempt, String error, Set<String> completedListeners) {
		return finish(callId, attempt, InboundCallStatus.FAILED, error, completedListeners, null);
	}

	private boolean finish(String callId, int attempt, InboundCallStatus status, @Nullable String error,
			Set<String> completedListeners, @Nullable Instant processedAt) {
		synchronized (this.lock) {
			Entry entry = claimed(callId, attempt);
			if (entry == null) {
				return false;
			}
			entry.status = status;
			unschedule(entry);
			if (error != null) {
				entry.lastError = error;
			}
			entry.completedListeners = Set.copyOf(completedListeners);
			if (status == InboundCallStatus.PROCESSED) {
				this.processed.add(callId);
				entry.processedAt = processedAt;
			}
			return true;
		}
	}

	@Override
	public boolean delete(String callId, int attempt) {
		synchronized (this.lock) {
			Entry entry = claimed(callId, attempt);
			if (entry == null) {
				return false;
			}
			this.calls.remove(callId);
			unschedule(entry);
			this.processed.remove(callId);
			forgetWebhookId(entry);
			return true;
		}
	}

	// the entry of a call still under the claim of the given attempt
	private @Nullable Entry claimed(String callId, int attempt) {
		Entry entry = this.calls.get(callId);
		return (entry != null && entry.status == InboundCallStatus.IN_FLIGHT && entry.attempts == attempt) ? entry
				: null;
	}

	@Override
	public boolean replay(String callId, Instant now) {
		synchronized (this.lock) {
			Entry entry = this.calls.get(callId);
			if (entry == null || entry.status == InboundCallStatus.PENDING
					|| entry.status == InboundCallStatus.IN_FLIGHT) {
				return false;
			}
			if (entry.status == InboundCallStatus.PROCESSED) {
				entry.completedListeners = Set.of();
			}
			entry.status = InboundCallStatus.PENDING;
			entry.attempts = 0;
			schedule(entry, now);
			this.processed.remove(callId);
			return true;
		}
	}

	@Override
	public Optional<StoredInboundCall> find(String callId) {
		synchronized (this.lock) {
			return Optional.ofNullable(this.calls.get(callId)).map(Entry::toStored);
		}
	}

	@Override
	public List<StoredInboundCall> findCalls(@Nullable InboundCallStatus status, @Nullable String source, int limit) {
		synchronized (this.lock) {
			return Listings.list(this.calls.values(), (entry) -> (status == null || entry.status == status)
					&& (source == null || entry.call.source().equals(source)), NEWEST_FIRST, limit, Entry::toListed);
		}
	}

	@Override
	public long countUnfinished() {
		synchronized (this.lock) {
			return this.due.size();
		}
	}

	@Override
	public int purge(Instant before, int limit) {
		synchronized (this.lock) {
			int purged = 0;
			// processed calls are not indexed by time: purging is a rare background operation
			Iterator<Entry> entries = this.calls.values().iterator();
			while (purged < limit && entries.hasNext()) {
				Entry entry = entries.next();
				if (entry.status == InboundCallStatus.PROCESSED && entry.call.receivedAt().isBefore(before)) {
					entries.remove();
					this.processed.remove(entry.call.id());
					forgetWebhookId(entry);
					purged++;
				}
			}
			return purged;
		}
	}

	private void forgetWebhookId(Entry entry) {
		String webhookId = entry.call.webhookId();
		if (webhookId != null) {
			this.callIdsByWebhookId.remove(key(entry.call.source(), webhookId));
		}
	}

	private static WebhookIdKey key(String source, String webhookId) {
		return new WebhookIdKey(source, webhookId);
	}

	private record WebhookIdKey(String source, String webhookId) {

	}

	private static final class Entry {

		private final InboundCall call;

		private InboundCallStatus status = InboundCallStatus.PENDING;

		private int attempts;

		// null once finished: the call is then out of the due calls
		private @Nullable Instant dueAt;

		private long dueSequence;

		private @Nullable String lastError;

		private Set<String> completedListeners = Set.of();

		private @Nullable Instant processedAt;

		private Entry(InboundCall call) {
			this.call = call;
		}

		private StoredInboundCall toStored() {
			return toStored(this.call);
		}

		// as listed: without the body, as the JDBC store lists calls
		private StoredInboundCall toListed() {
			InboundCall call = this.call;
			return toStored(new InboundCall(call.id(), call.source(), call.eventType(), call.webhookId(),
					call.headers(), new byte[0], call.remoteAddress(), call.receivedAt()));
		}

		private StoredInboundCall toStored(InboundCall call) {
			return new StoredInboundCall(call, this.status, this.attempts,
					(this.status == InboundCallStatus.PENDING) ? this.dueAt : null, this.lastError,
					this.completedListeners, this.processedAt);
		}

	}

}
