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
import java.util.Optional;
import java.util.Set;

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

	/**
	 * The number of calls held by default.
	 */
	public static final int DEFAULT_MAX_CALLS = 10_000;

	private final int maxCalls;

	private final Object lock = new Object();

	private final Map<String, Entry> calls = new HashMap<>();

	private final Map<String, String> callIdsByWebhookId = new HashMap<>();

	// ids of the pending and in-flight calls, so that claiming never scans processed ones
	private final Set<String> unfinished = new LinkedHashSet<>();

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
	public boolean savePending(InboundCall call) {
		return save(call, InboundCallStatus.PENDING, call.receivedAt());
	}

	@Override
	public boolean saveProcessed(InboundCall call, Instant processedAt) {
		return save(call, InboundCallStatus.PROCESSED, null);
	}

	private boolean save(InboundCall call, InboundCallStatus status, @Nullable Instant dueAt) {
		synchronized (this.lock) {
			String webhookId = call.webhookId();
			if (webhookId != null && this.callIdsByWebhookId.containsKey(key(call.source(), webhookId))) {
				return false;
			}
			if (this.calls.size() >= this.maxCalls) {
				forgetOldestProcessed();
			}
			if (webhookId != null) {
				this.callIdsByWebhookId.put(key(call.source(), webhookId), call.id());
			}
			Entry entry = new Entry(call);
			entry.status = status;
			entry.dueAt = dueAt;
			this.calls.put(call.id(), entry);
			if (status == InboundCallStatus.PENDING) {
				this.unfinished.add(call.id());
			}
			else {
				this.processed.add(call.id());
			}
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
		Entry entry = this.calls.remove(oldest.next());
		oldest.remove();
		forgetWebhookId(entry);
	}

	@Override
	public boolean contains(String source, String webhookId) {
		synchronized (this.lock) {
			return this.callIdsByWebhookId.containsKey(key(source, webhookId));
		}
	}

	@Override
	public List<StoredInboundCall> claimDue(Instant now, int limit, Duration lease) {
		synchronized (this.lock) {
			List<Entry> due = new ArrayList<>();
			for (String id : this.unfinished) {
				Entry entry = this.calls.get(id);
				if (entry.dueAt != null && !entry.dueAt.isAfter(now)) {
					due.add(entry);
				}
			}
			due.sort(Comparator.comparing((Entry entry) -> entry.dueAt));
			List<StoredInboundCall> claimed = new ArrayList<>();
			for (Entry entry : due.subList(0, Math.min(limit, due.size()))) {
				entry.status = InboundCallStatus.IN_FLIGHT;
				entry.attempts++;
				// an expired lease makes the call due again, should its worker have died
				entry.dueAt = now.plus(lease);
				claimed.add(entry.toStored());
			}
			return claimed;
		}
	}

	@Override
	public void markProcessed(String callId, Instant processedAt) {
		finish(callId, InboundCallStatus.PROCESSED, null);
	}

	@Override
	public void markRetry(String callId, Instant dueAt, String error) {
		synchronized (this.lock) {
			Entry entry = this.calls.get(callId);
			if (entry != null) {
				entry.status = InboundCallStatus.PENDING;
				entry.dueAt = dueAt;
				entry.lastError = error;
			}
		}
	}

	@Override
	public void markFailed(String callId, String error) {
		finish(callId, InboundCallStatus.FAILED, error);
	}

	private void finish(String callId, InboundCallStatus status, @Nullable String error) {
		synchronized (this.lock) {
			Entry entry = this.calls.get(callId);
			if (entry != null) {
				entry.status = status;
				entry.dueAt = null;
				if (error != null) {
					entry.lastError = error;
				}
				this.unfinished.remove(callId);
				if (status == InboundCallStatus.PROCESSED) {
					this.processed.add(callId);
				}
			}
		}
	}

	@Override
	public boolean replay(String callId, Instant now) {
		synchronized (this.lock) {
			Entry entry = this.calls.get(callId);
			if (entry == null || entry.status == InboundCallStatus.PENDING
					|| entry.status == InboundCallStatus.IN_FLIGHT) {
				return false;
			}
			entry.status = InboundCallStatus.PENDING;
			entry.attempts = 0;
			entry.dueAt = now;
			this.processed.remove(callId);
			this.unfinished.add(callId);
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

	private static String key(String source, String webhookId) {
		return source + '\u0000' + webhookId;
	}

	private static final class Entry {

		private final InboundCall call;

		private InboundCallStatus status = InboundCallStatus.PENDING;

		private int attempts;

		private @Nullable Instant dueAt;

		private @Nullable String lastError;

		private Entry(InboundCall call) {
			this.call = call;
		}

		private StoredInboundCall toStored() {
			return new StoredInboundCall(this.call, this.status, this.attempts,
					(this.status == InboundCallStatus.PENDING) ? this.dueAt : null, this.lastError);
		}

	}

}
