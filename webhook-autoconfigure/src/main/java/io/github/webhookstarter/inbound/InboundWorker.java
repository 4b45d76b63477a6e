package io.github.webhookstarter.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.backoff.BackOff;

import io.github.webhookstarter.core.PollingLoop;
import io.github.webhookstarter.core.RetrySchedule;

/**
 * Dispatches stored webhook calls to their listeners, in the background: at once when a call
 * is stored, and then on each poll for calls whose retry is due or whose claim has expired. A
 * failed dispatch is retried on the back-off schedule, computed into a due time rather than
 * slept on; when the schedule is exhausted the call stays stored as failed.
 *
 * @author Webhook Starter team
 */
public final class InboundWorker implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(InboundWorker.class);

	// also the lease of calls dispatched synchronously, which this worker takes over should
	// their instance die
	static final Duration LEASE = Duration.ofMinutes(5);

	private final InboundStore store;

	private final WebhookSources sources;

	private final WebhookListenerRegistry listeners;

	private final InboundEvents events;

	private final JsonMapper jsonMapper;

	private final @Nullable BackOff backOff;

	private final Clock clock;

	private final int concurrency;

	private final Semaphore permits;

	private final PollingLoop pollingLoop;

	private volatile boolean running;

	private @Nullable ExecutorService dispatchers;

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
	 * @param concurrency how many calls are dispatched at the same time
	 * @param pollInterval how often due calls are looked for
	 */
	public InboundWorker(InboundStore store, WebhookSources sources, WebhookListenerRegistry listeners,
			ApplicationEventPublisher eventPublisher, JsonMapper jsonMapper, @Nullable BackOff backOff, Clock clock,
			int concurrency, Duration pollInterval) {
		this.store = store;
		this.sources = sources;
		this.listeners = listeners;
		this.events = new InboundEvents(eventPublisher);
		this.jsonMapper = jsonMapper;
		this.backOff = backOff;
		this.clock = clock;
		this.concurrency = concurrency;
		this.permits = new Semaphore(concurrency);
		// while idle, the store is polled less and less often, down to once every ten intervals
		this.pollingLoop = new PollingLoop("webhook-inbound-poll-", pollInterval, pollInterval.multipliedBy(10),
				this::poll);
	}

	@Override
	public void start() {
		this.dispatchers = Executors.newFixedThreadPool(this.concurrency,
				new CustomizableThreadFactory("webhook-inbound-"));
		this.running = true;
		this.pollingLoop.start();
	}

	/**
	 * Look for due calls at once, instead of at the next poll: a call was just stored.
	 */
	public void wakeUp() {
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

	private boolean poll() {
		ExecutorService dispatchers = this.dispatchers;
		int available = this.permits.availablePermits();
		if (!this.running || dispatchers == null || available == 0) {
			return false;
		}
		List<StoredInboundCall> due = this.store.claimDue(this.clock.instant(), available, LEASE);
		for (StoredInboundCall call : due) {
			this.permits.acquireUninterruptibly();
			dispatchers.execute(() -> {
				try {
					dispatch(call);
				}
				finally {
					this.permits.release();
					wakeUp();
				}
			});
		}
		return !due.isEmpty();
	}

	private void dispatch(StoredInboundCall stored) {
		InboundCall call = stored.call();
		WebhookRequest request = WebhookRequest.of(call, this.sources.payloadLocation(call.source()),
				this.jsonMapper);
		ListenerDispatch dispatch = this.listeners.dispatch(request, stored.completedListeners());
		if (dispatch.isSuccessful()) {
			this.store.markProcessed(call.id(), this.clock.instant());
			return;
		}
		String error = dispatch.describeFailures();
		Duration delay = dispatch.isPermanentFailure() ? null
				: RetrySchedule.delayAfter(this.backOff, stored.attempts());
		Instant nextAttemptAt = (delay != null) ? this.clock.instant().plus(delay) : null;
		for (ListenerDispatch.Failure failure : dispatch.failures()) {
			logger.warn("Listener " + failure.listener() + " of " + call + " failed (attempt " + stored.attempts()
					+ ((delay != null) ? "), retrying in " + delay : ")"), failure.error());
		}
		if (nextAttemptAt != null) {
			this.store.markRetry(call.id(), nextAttemptAt, error, dispatch.completedListeners());
		}
		else {
			logger.error(call + " failed" + (dispatch.isPermanentFailure() ? ": its payload cannot be converted"
					: " and its retries are exhausted") + "; it is kept as failed and can be replayed");
			this.store.markFailed(call.id(), error, dispatch.completedListeners());
		}
		for (ListenerDispatch.Failure failure : dispatch.failures()) {
			this.events.publish(new WebhookListenerFailed(call.id(), call.source(), call.eventType(),
					failure.listener().id(), failure.error(), stored.attempts(), nextAttemptAt));
		}
		if (nextAttemptAt == null) {
			this.events.publish(
					new WebhookCallExhausted(call.id(), call.source(), call.eventType(), stored.attempts(), error));
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.pollingLoop.stop();
		ExecutorService dispatchers = this.dispatchers;
		if (dispatchers == null) {
			return;
		}
		dispatchers.shutdown();
		try {
			// calls still in flight afterwards are claimed again when their lease expires
			dispatchers.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
