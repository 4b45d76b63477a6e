package io.github.webhookstarter.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.backoff.BackOff;

import io.github.webhookstarter.core.internal.LibraryEvents;
import io.github.webhookstarter.core.internal.PollingLoop;
import io.github.webhookstarter.core.internal.RetrySchedule;
import io.github.webhookstarter.core.internal.WorkerThreads;

/**
 * Dispatches stored webhook calls to their listeners, in the background: at once when a call
 * is stored (handed over by the endpoint when a dispatcher is free, else claimed from the
 * store), and then on each poll for calls whose retry is due or whose claim has expired. A
 * failed dispatch is retried on the back-off schedule, computed into a due time rather than
 * slept on; when the schedule is exhausted the call stays stored as failed.
 * <p>
 * Applications may {@linkplain #replay replay} a stored call; the rest is not API: public so
 * that the auto-configuration can create it, which backs off when the application defines a
 * bean of this type.
 *
 * @author Webhook Starter team
 */
public final class InboundWorker implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InboundWorker.class);

	private final InboundStore store;

	private final WebhookSources sources;

	private final WebhookListenerRegistry listeners;

	private final LibraryEvents events;

	private final JsonMapper jsonMapper;

	private final @Nullable BackOff backOff;

	private final Clock clock;

	private final InboundWorkerSettings settings;

	private final Semaphore permits;

	private final PollingLoop pollingLoop;

	private volatile boolean running;

	private final WorkerThreads dispatcherThreads;

	private @Nullable AsyncTaskExecutor dispatchers;

	private volatile @Nullable ScheduledExecutorService leaseRenewals;

	// the claims whose listeners are running, by call id, with the attempt of each: one timer
	// renews them all, rather than one timer per call, which costs a scheduled task per call
	private final Map<String, Integer> leased = new ConcurrentHashMap<>();

	/**
	 * Create a worker.
	 * @param store the store of calls
	 * @param sources the sources calls arrive at
	 * @param listeners the listeners calls are dispatched to
	 * @param eventPublisher publishes {@link WebhookListenerFailed} and
	 * {@link WebhookCallExhausted}
	 * @param jsonMapper the mapper of stored bodies
	 * @param backOff when failed dispatches are retried, or {@code null} for a single attempt
	 * @param clock the clock of due times
	 * @param settings concurrency and timing settings
	 * @param dispatcherThreads the threads listeners run on, at most
	 * {@link InboundWorkerSettings#concurrency()} at a time
	 */
	public InboundWorker(InboundStore store, WebhookSources sources, WebhookListenerRegistry listeners,
			ApplicationEventPublisher eventPublisher, JsonMapper jsonMapper, @Nullable BackOff backOff, Clock clock,
			InboundWorkerSettings settings, WorkerThreads dispatcherThreads) {
		this.store = store;
		this.sources = sources;
		this.listeners = listeners;
		this.events = new LibraryEvents(eventPublisher);
		this.jsonMapper = jsonMapper;
		this.backOff = backOff;
		this.clock = clock;
		this.settings = settings;
		this.dispatcherThreads = dispatcherThreads;
		this.permits = new Semaphore(settings.concurrency());
		// while idle, the store is polled less and less often, down to once every ten intervals
		this.pollingLoop = new PollingLoop("webhook-inbound-poll-", settings.pollInterval(),
				settings.pollInterval().multipliedBy(10), this::poll);
	}

	@Override
	public void start() {
		this.dispatchers = this.dispatcherThreads.start();
		ScheduledExecutorService leaseRenewals = Executors
			.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("webhook-inbound-lease-"));
		Duration lease = this.settings.lease();
		long period = Math.max(1, lease.toMillis() / 3);
		leaseRenewals.scheduleAtFixedRate(() -> renewLeases(lease), period, period, TimeUnit.MILLISECONDS);
		this.leaseRenewals = leaseRenewals;
		this.running = true;
		this.pollingLoop.start();
	}

	/**
	 * Look for due calls at once, instead of at the next poll: a call was just stored.
	 */
	void wakeUp() {
		this.pollingLoop.wakeUp();
	}

	/**
	 * Make a processed or failed call pending again and dispatch it.
	 * @param callId the id of the stored call
	 * @return {@code false} if no such call is stored, or it is already pending or in flight
	 */
	public boolean replay(String callId) {
		boolean replayed = this.store.replay(callId, this.clock.instant());
		if (replayed) {
			wakeUp();
		}
		return replayed;
	}

	/**
	 * Reserve a dispatcher for a call that the caller is about to store claimed and hand over
	 * with {@link #dispatchReserved}, so that its dispatch needs no claim from the store nor
	 * a read of it: the call is stored in flight, leased, and taken up by another worker
	 * should this one die first.
	 * @return whether a dispatcher is reserved; if so, the caller hands a call over or
	 * {@linkplain #cancelReservation cancels}
	 */
	boolean reserveDispatcher() {
		return this.running && this.dispatchers != null && this.permits.tryAcquire();
	}

	/**
	 * Return whether a dispatcher is free now, a hint of whether {@link #reserveDispatcher}
	 * would succeed.
	 * @return whether a dispatcher is free
	 */
	boolean hasFreeDispatcher() {
		return this.running && this.permits.availablePermits() > 0;
	}

	/**
	 * Give back a reserved dispatcher whose call was not stored.
	 */
	void cancelReservation() {
		this.permits.release();
	}

	/**
	 * Dispatch a call stored claimed, with its first attempt, on the dispatcher reserved for it.
	 * @param call the call
	 * @param json its body already parsed, or {@code null} to parse it if a listener needs it
	 */
	void dispatchReserved(InboundCall call, @Nullable JsonNode json) {
		execute(new StoredInboundCall(call, InboundCallStatus.IN_FLIGHT, 1, null, null, Set.of(), null), json);
	}

	private void execute(StoredInboundCall call, @Nullable JsonNode json) {
		AsyncTaskExecutor dispatchers = this.dispatchers;
		if (dispatchers == null) {
			// stopped meanwhile: the call is claimed again when its lease expires
			this.permits.release();
			return;
		}
		dispatchers.execute(() -> {
			try {
				dispatch(call, json);
			}
			finally {
				this.permits.release();
				wakeUp();
			}
		});
	}

	private boolean poll(boolean scheduled) {
		AsyncTaskExecutor dispatchers = this.dispatchers;
		int available = this.permits.availablePermits();
		if (!this.running || dispatchers == null || available == 0) {
			return false;
		}
		// woken up by a call just stored while most dispatchers are busy: the claim waits until
		// half of them are free, so that a busy worker claims calls in batches rather than one
		// by one (a query per call on a JDBC store); each dispatcher wakes the worker up when it
		// finishes, so a claim does come
		if (!scheduled && available * 2 < this.settings.concurrency()) {
			return false;
		}
		List<StoredInboundCall> due = this.store.claimDue(this.clock.instant(), available, this.settings.lease());
		for (StoredInboundCall call : due) {
			this.permits.acquireUninterruptibly();
			execute(call, null);
		}
		return !due.isEmpty();
	}

	/**
	 * Return how long a claim of a call holds before another worker may claim it again.
	 * @return the lease
	 */
	Duration lease() {
		return this.settings.lease();
	}

	/**
	 * Run the listeners of a claimed call, renewing its lease while they run, so that a slow
	 * listener does not see its call claimed again by another worker. The lease is renewed
	 * every third of its length while the listeners run.
	 * @param callId the id of the call
	 * @param attempt the attempt of the claim
	 * @param dispatch runs the listeners
	 * @return what came of them
	 */
	ListenerDispatch underLease(String callId, int attempt, Supplier<ListenerDispatch> dispatch) {
		if (this.leaseRenewals == null) {
			return dispatch.get();
		}
		this.leased.put(callId, attempt);
		try {
			return dispatch.get();
		}
		finally {
			this.leased.remove(callId, attempt);
		}
	}

	private void renewLeases(Duration lease) {
		this.leased.forEach((callId, attempt) -> {
			// finished meanwhile: its outcome is recorded, or about to be
			if (this.leased.containsKey(callId)) {
				renew(callId, attempt, lease);
			}
		});
	}

	private void renew(String callId, int attempt, Duration lease) {
		try {
			if (!this.store.renewLease(callId, attempt, this.clock.instant().plus(lease))) {
				logger.warn("The lease of webhook call " + callId + " was lost while its listeners ran: it may be "
						+ "dispatched again");
			}
		}
		catch (RuntimeException ex) {
			logger.warn("The lease of webhook call " + callId + " could not be renewed", ex);
		}
	}

	private void dispatch(StoredInboundCall stored, @Nullable JsonNode json) {
		InboundCall call = stored.call();
		int attempt = stored.attempts();
		// the authentication of the call was not stored: its listeners run without it
		WebhookRequest request = WebhookRequest.of(call, this.sources.payloadLocation(call.source()), this.jsonMapper,
				json);
		ListenerDispatch dispatch = underLease(call.id(), attempt,
				() -> this.listeners.dispatch(request, stored.completedListeners()));
		if (dispatch.isSuccessful()) {
			if (!this.store.markProcessed(call.id(), attempt, this.clock.instant())) {
				logLeaseLost(call);
			}
			return;
		}
		String error = dispatch.describeFailures();
		Duration delay = dispatch.isPermanentFailure() ? null : RetrySchedule.delayAfter(this.backOff, attempt);
		Instant now = this.clock.instant();
		Instant nextAttemptAt = (delay != null) ? now.plus(delay) : null;
		boolean recorded = (nextAttemptAt != null)
				? this.store.markRetry(call.id(), attempt, nextAttemptAt, error, dispatch.completedListeners())
				: this.store.markFailed(call.id(), attempt, error, dispatch.completedListeners());
		if (!recorded) {
			logLeaseLost(call);
			return;
		}
		for (ListenerDispatch.Failure failure : dispatch.failures()) {
			logger.warn("Listener " + failure.listener() + " of " + call + " failed (attempt " + attempt
					+ ((nextAttemptAt != null) ? "), next attempt at " + nextAttemptAt : ")"), failure.error());
			this.events.publish(new WebhookListenerFailed(call.id(), call.source(), call.eventType(),
					failure.listener().id(), failure.error(), attempt, nextAttemptAt));
		}
		if (nextAttemptAt != null) {
			this.pollingLoop.wakeUpAt(nextAttemptAt, now);
		}
		else {
			logger.error(call + " failed" + (dispatch.isPermanentFailure() ? ": its payload cannot be converted"
					: " and its retries are exhausted") + "; it is kept as failed and can be replayed");
			this.events.publish(new WebhookCallExhausted(call.id(), call.source(), call.eventType(), attempt, error));
		}
	}

	private static void logLeaseLost(InboundCall call) {
		logger.warn("The lease of " + call + " expired and it was claimed again before its outcome was recorded: "
				+ "that outcome changed nothing");
	}

	@Override
	public void stop() {
		this.running = false;
		this.pollingLoop.stop(Duration.ofSeconds(10));
		ScheduledExecutorService leaseRenewals = this.leaseRenewals;
		if (leaseRenewals != null) {
			leaseRenewals.shutdownNow();
		}
		AsyncTaskExecutor dispatchers = this.dispatchers;
		if (dispatchers != null) {
			// waits for calls in flight a while (see the auto-configuration); those still in
			// flight afterwards are claimed again when their lease expires
			WorkerThreads.shutdown(dispatchers);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Concurrency and timing settings of an {@link InboundWorker}.
	 *
	 * @param concurrency how many calls are dispatched at the same time
	 * @param pollInterval how often due calls are looked for
	 * @param lease how long a claim of a call holds, renewed while its listeners run, before
	 * another worker may claim it again
	 */
	public record InboundWorkerSettings(int concurrency, Duration pollInterval, Duration lease) {

	}

}
