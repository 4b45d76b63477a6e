package io.github.webhookstarter.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import io.github.webhookstarter.core.internal.LibraryEvents;
import io.github.webhookstarter.core.internal.PollingLoop;
import io.github.webhookstarter.core.internal.WorkerThreads;
import io.github.webhookstarter.observation.WebhookDeliveryObservationContext;
import io.github.webhookstarter.observation.WebhookDeliveryObservationConvention;

/**
 * Delivers stored webhooks in the background: claims due deliveries from the
 * {@link DeliveryStore}, sends them with bounded concurrency, and records every attempt with
 * its outcome. A failed attempt is retried on the endpoint's back-off schedule (or after the
 * {@code Retry-After} the endpoint asked for), computed into a due time rather than slept on.
 * <p>
 * Deliveries that this instance just stored are {@linkplain #dispatch handed over} and claimed
 * by key; the store is searched for due deliveries (retries, those of other instances or of
 * before a restart, of ordered and rate-limited endpoints) on the timer, when a retry falls
 * due, and while such a search finds a full batch, not on every wake-up: with a JDBC store
 * that search reads an index that grows with the rows finished since the database last
 * vacuumed it.
 * <p>
 * A slow or dead endpoint never holds up the others: each endpoint has at most
 * {@code maxConcurrencyPerEndpoint} requests in flight (one for ordered endpoints), and is
 * left out of claims while it is saturated, rate-limited or disabled.
 * <p>
 * With the JDK client, the default, a request in flight holds no thread: it is started on
 * the polling thread and its result recorded on the client's executor. Other clients send
 * each request on a thread of a pool of {@code maxConcurrency} threads, or on a virtual
 * thread.
 * <p>
 * Not API: public so that the auto-configuration can create it, which backs off when the
 * application defines a bean of this type; applications do not call it.
 *
 * @author Webhook Starter team
 */
public final class DeliveryDispatcher implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(DeliveryDispatcher.class);

	private static final int CLAIM_BATCH_SIZE = 256;

	private static final int RECORD_BATCH_SIZE = 128;

	// stored deliveries held to be claimed by key, a few MB of messages at most; more are
	// found due
	private static final int MAX_STORED = 10_000;

	private final DeliveryStore store;

	private final WebhookEndpoints endpoints;

	private final WebhookSender sender;

	private final DeliveryRecorder recorder;

	private final Clock clock;

	private final DeliveryObservations observations;

	private final DeliveryDispatcherSettings settings;

	private final Semaphore permits;

	private final Map<String, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();

	// when each rate-limited endpoint may be sent to next, as the shared state last said
	private final Map<String, Instant> notBeforeByEndpoint = new ConcurrentHashMap<>();

	private final Set<String> inFlightDeliveries = ConcurrentHashMap.newKeySet();

	private final Set<String> releasedAtShutdown = ConcurrentHashMap.newKeySet();

	private final Queue<FinishedAttempt> finishedAttempts = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean recording = new AtomicBoolean();

	// attempts made whose results the store could not take, as while its database restarts:
	// recorded at a later poll while their leases last, rather than made again once they end
	private final Queue<FinishedAttempt> unrecorded = new ConcurrentLinkedQueue<>();

	// deliveries this instance stored, by endpoint, to claim by key
	private final Map<String, Queue<ClaimedDelivery>> stored = new ConcurrentHashMap<>();

	private final AtomicInteger storedCount = new AtomicInteger();

	// whether the next poll looks for due deliveries, beyond those stored here
	private final AtomicBoolean lookForDue = new AtomicBoolean(true);

	private volatile @Nullable DisabledEndpoints disabled;

	private final Duration lease;

	private volatile boolean running;

	private final PollingLoop pollingLoop;

	private final WorkerThreads senderThreads;

	private @Nullable Executor senders;

	/**
	 * Create a dispatcher.
	 * @param store the store of deliveries
	 * @param endpoints the endpoints
	 * @param sender sends webhooks
	 * @param eventPublisher publishes the library's delivery events
	 * @param clock the clock of due times
	 * @param observationRegistry records the {@code webhook.delivery} observation
	 * @param observationConvention a custom convention of that observation, or {@code null}
	 * @param settings concurrency and timing settings
	 * @param senderThreads the threads requests are sent on when the client needs a thread per
	 * request
	 */
	public DeliveryDispatcher(DeliveryStore store, WebhookEndpoints endpoints, WebhookSender sender,
			ApplicationEventPublisher eventPublisher, Clock clock, ObservationRegistry observationRegistry,
			@Nullable WebhookDeliveryObservationConvention observationConvention, DeliveryDispatcherSettings settings,
			WorkerThreads senderThreads) {
		this.store = store;
		this.endpoints = endpoints;
		this.sender = sender;
		this.recorder = new DeliveryRecorder(store, endpoints, new LibraryEvents(eventPublisher), clock,
				settings.disableAfter());
		this.clock = clock;
		this.observations = new DeliveryObservations(observationRegistry, observationConvention);
		this.settings = settings;
		this.senderThreads = senderThreads;
		this.permits = new Semaphore(settings.maxConcurrency());
		// a claim outlives any request, so that only a dead instance's deliveries are claimed again
		this.lease = endpoints.getLongestTimeout().multipliedBy(2).plusSeconds(10);
		// while idle, the store is polled less and less often, down to once every ten intervals
		this.pollingLoop = new PollingLoop("webhook-dispatch-", settings.pollInterval(),
				settings.pollInterval().multipliedBy(10), this::poll);
	}

	@Override
	public void start() {
		// an asynchronous client needs no thread per request
		this.senders = this.sender.isAsynchronous() ? null : this.senderThreads.start();
		this.running = true;
		this.pollingLoop.start();
	}

	/**
	 * Look for due deliveries at once instead of at the next poll, such as after deliveries
	 * were made pending again.
	 */
	public void wakeUp() {
		this.lookForDue.set(true);
		this.pollingLoop.wakeUp();
	}

	/**
	 * Deliver deliveries that were just stored, once their transaction, if any, committed:
	 * they are claimed by key, without looking for them among every due delivery. Those of
	 * ordered or rate-limited endpoints, and any beyond what this dispatcher holds, are left to
	 * be found due.
	 * @param message the message
	 * @param deliveries its deliveries, as stored
	 */
	void dispatch(WebhookMessage message, List<Delivery> deliveries) {
		for (Delivery delivery : deliveries) {
			WebhookEndpoint endpoint = this.endpoints.get(delivery.endpoint());
			boolean byKey = endpoint != null && !endpoint.ordered() && endpoint.rateLimit() == 0;
			if (byKey && this.storedCount.incrementAndGet() <= MAX_STORED) {
				this.stored.computeIfAbsent(delivery.endpoint(), (name) -> new ConcurrentLinkedQueue<>())
					.add(new ClaimedDelivery(delivery, message));
			}
			else {
				if (byKey) {
					this.storedCount.decrementAndGet();
				}
				this.lookForDue.set(true);
			}
		}
		this.pollingLoop.wakeUp();
	}

	private boolean poll(boolean scheduled) {
		retryUnrecorded();
		int available = this.permits.availablePermits();
		boolean lookForDue = this.lookForDue.getAndSet(false) || scheduled;
		if (!this.running || available == 0) {
			// looked for at the next poll
			this.lookForDue.compareAndSet(false, lookForDue);
			return false;
		}
		Instant now = this.clock.instant();
		Set<String> disabled = disabledEndpoints(now, scheduled);
		int limit = Math.min(available, CLAIM_BATCH_SIZE);
		List<ClaimedDelivery> claimed = new ArrayList<>(claimStored(now, limit, disabled));
		if (lookForDue) {
			claimed.addAll(claimDue(now, limit - claimed.size(), disabled));
		}
		List<String> notSent = new ArrayList<>();
		for (ClaimedDelivery delivery : claimed) {
			if (!start(delivery, now)) {
				notSent.add(delivery.delivery().id());
			}
		}
		if (!notSent.isEmpty()) {
			this.store.release(notSent);
		}
		if (claimed.size() == limit && notSent.isEmpty()) {
			this.pollingLoop.wakeUp();
		}
		return !claimed.isEmpty();
	}

	// read from the shared state on the timer, at most once per poll interval otherwise, rather
	// than on every wake-up after a finished request, and at once after this instance disabled
	// or enabled an endpoint
	private Set<String> disabledEndpoints(Instant now, boolean scheduled) {
		DisabledEndpoints disabled = this.disabled;
		long changes = this.endpoints.changes();
		if (scheduled || disabled == null || disabled.changes() != changes
				|| !now.isBefore(disabled.readAt().plus(this.settings.pollInterval()))) {
			disabled = new DisabledEndpoints(this.endpoints.getDisabledEndpoints(), now, changes);
			this.disabled = disabled;
		}
		return disabled.names();
	}

	// the stored deliveries of endpoints with room for them, in turns, claimed by key; those
	// of a disabled endpoint are left to be found due once it is enabled again
	private List<ClaimedDelivery> claimStored(Instant now, int limit, Set<String> disabled) {
		Map<String, ClaimedDelivery> taken = new LinkedHashMap<>();
		// how many each endpoint has among those taken, counted rather than looked for in them
		Map<String, Integer> takenByEndpoint = new HashMap<>();
		boolean tookAny = true;
		while (taken.size() < limit && tookAny) {
			tookAny = false;
			for (Map.Entry<String, Queue<ClaimedDelivery>> entry : this.stored.entrySet()) {
				String name = entry.getKey();
				boolean enabled = !disabled.contains(name);
				WebhookEndpoint endpoint = this.endpoints.get(name);
				if (endpoint == null) {
					// a dynamic endpoint deleted since: its deliveries were cancelled
					while (entry.getValue().poll() != null) {
						this.storedCount.decrementAndGet();
					}
					continue;
				}
				if (taken.size() >= limit
						|| (enabled && inFlight(name).get() + takenByEndpoint.getOrDefault(name, 0) >= capacity(endpoint))) {
					continue;
				}
				ClaimedDelivery next = entry.getValue().poll();
				if (next != null) {
					this.storedCount.decrementAndGet();
					tookAny = true;
					if (enabled) {
						taken.put(next.delivery().id(), next);
						takenByEndpoint.merge(name, 1, Integer::sum);
					}
					else {
						this.lookForDue.set(true);
					}
				}
			}
		}
		if (taken.isEmpty()) {
			return List.of();
		}
		List<Delivery> claimed;
		try {
			claimed = this.store.claim(taken.keySet(), now, this.lease);
		}
		catch (RuntimeException ex) {
			// still pending in the store, where they are found due
			this.lookForDue.set(true);
			throw ex;
		}
		List<ClaimedDelivery> result = new ArrayList<>(claimed.size());
		for (Delivery delivery : claimed) {
			// the store claims only deliveries it was given
			result.add(new ClaimedDelivery(delivery, Objects.requireNonNull(taken.get(delivery.id())).message()));
		}
		return result;
	}

	private List<ClaimedDelivery> claimDue(Instant now, int limit, Set<String> disabled) {
		Set<String> ordered = this.endpoints.getOrderedEndpoints();
		Map<String, WebhookEndpoint> claimable = claimable(now, disabled, false);
		// no more than the endpoints have room for: the rest would be claimed only to be released
		int room = 0;
		for (WebhookEndpoint endpoint : claimable.values()) {
			room += capacity(endpoint) - inFlight(endpoint.name()).get();
		}
		int dueLimit = Math.min(limit, room);
		List<ClaimedDelivery> claimed = new ArrayList<>(
				(dueLimit > 0) ? this.store.claimDue(now, dueLimit, this.lease, ordered, claimable.keySet()) : List.of());
		if (dueLimit <= 0 || claimed.size() == dueLimit) {
			// there may be more, for when there is room
			this.lookForDue.set(true);
		}
		// a rate-limited endpoint takes one delivery per poll, so that the rest of a batch is not
		// claimed only to be released until its turn comes
		for (String endpoint : claimable(now, disabled, true).keySet()) {
			if (claimed.size() < limit) {
				claimed.addAll(this.store.claimDue(now, 1, this.lease, ordered, Set.of(endpoint)));
			}
		}
		return claimed;
	}

	private Map<String, WebhookEndpoint> claimable(Instant now, Set<String> disabled, boolean rateLimited) {
		Map<String, WebhookEndpoint> claimable = new HashMap<>();
		for (WebhookEndpoint endpoint : this.endpoints.getEndpoints()) {
			Instant notBefore = this.notBeforeByEndpoint.get(endpoint.name());
			if ((endpoint.rateLimit() > 0) == rateLimited && !disabled.contains(endpoint.name())
					&& inFlight(endpoint.name()).get() < capacity(endpoint)
					&& (notBefore == null || !notBefore.isAfter(now))) {
				claimable.put(endpoint.name(), endpoint);
			}
		}
		return claimable;
	}

	private boolean start(ClaimedDelivery claimed, Instant now) {
		Delivery delivery = claimed.delivery();
		// claims are only made for endpoints this instance knows, but a dynamic one may have been
		// deleted since
		WebhookEndpoint endpoint = this.endpoints.get(delivery.endpoint());
		// stopped while this poll claimed: released, for the next instance to start
		if (endpoint == null || !this.running || !reserve(endpoint, now)) {
			return false;
		}
		if (!this.permits.tryAcquire()) {
			inFlight(endpoint.name()).decrementAndGet();
			return false;
		}
		this.inFlightDeliveries.add(delivery.id());
		Runnable finished = () -> {
			this.inFlightDeliveries.remove(delivery.id());
			inFlight(endpoint.name()).decrementAndGet();
			this.permits.release();
			this.pollingLoop.wakeUp();
		};
		if (this.sender.isAsynchronous()) {
			// no thread waits for the endpoint: the request starts here, signing and compressing
			// being cheap, and its result is recorded on the client's executor
			send(endpoint, claimed, finished);
		}
		else {
			Objects.requireNonNull(this.senders).execute(() -> send(endpoint, claimed, finished));
		}
		return true;
	}

	// an attempt must end within its claim's lease: a claim held up until it no longer can, as
	// in a process paused between claiming and sending or waiting for a sender thread, may have
	// been taken over meanwhile, and sending it would send the webhook twice
	private boolean withinLease(Delivery delivery, WebhookEndpoint endpoint) {
		Instant leaseEnd = delivery.dueAt();
		return leaseEnd == null || !this.clock.instant().plus(endpoint.timeout()).isAfter(leaseEnd);
	}

	private boolean reserve(WebhookEndpoint endpoint, Instant now) {
		AtomicInteger inFlight = inFlight(endpoint.name());
		if (inFlight.incrementAndGet() > capacity(endpoint)) {
			inFlight.decrementAndGet();
			return false;
		}
		if (endpoint.rateLimit() > 0) {
			Duration spacing = Duration.ofNanos((long) (1_000_000_000L / endpoint.rateLimit()));
			// the spacing is shared by every instance: N instances together keep the rate limit
			Instant notBefore = this.endpoints.reserveSend(endpoint.name(), now, spacing);
			this.notBeforeByEndpoint.put(endpoint.name(), (notBefore != null) ? notBefore : now.plus(spacing));
			if (notBefore != null) {
				inFlight.decrementAndGet();
				this.pollingLoop.wakeUpAt(notBefore, now);
				return false;
			}
		}
		return true;
	}

	private int capacity(WebhookEndpoint endpoint) {
		return endpoint.ordered() ? 1 : this.settings.maxConcurrencyPerEndpoint();
	}

	private AtomicInteger inFlight(String endpoint) {
		return this.inFlightByEndpoint.computeIfAbsent(endpoint, (name) -> new AtomicInteger());
	}

	private void send(WebhookEndpoint endpoint, ClaimedDelivery claimed, Runnable finished) {
		if (!withinLease(claimed.delivery(), endpoint)) {
			// released unless claimed by another since, and then the attempt is that one's
			try {
				this.store.release(List.of(claimed.delivery().id()));
			}
			finally {
				finished.run();
			}
			return;
		}
		try {
			WebhookDeliveryObservationContext context = new WebhookDeliveryObservationContext(endpoint.name(),
					claimed.message().type());
			Observation observation = this.observations.start(context);
			attempt(endpoint, claimed).thenAccept((result) -> {
				this.finishedAttempts.add(new FinishedAttempt(new DeliveryRecorder.Attempted(endpoint, claimed, result),
						context, observation, finished));
				recordFinishedAttempts();
			});
		}
		catch (RuntimeException ex) {
			finished.run();
			throw ex;
		}
	}

	private void retryUnrecorded() {
		FinishedAttempt next;
		boolean any = false;
		while ((next = this.unrecorded.poll()) != null) {
			this.finishedAttempts.add(next);
			any = true;
		}
		if (any) {
			recordFinishedAttempts();
		}
	}

	// one thread at a time records, all the attempts that finished while the previous batch
	// was written: the store writes a batch in a few round trips and one commit, where an
	// attempt at a time would cost as many, each holding a connection
	private void recordFinishedAttempts() {
		while (!this.finishedAttempts.isEmpty() && this.recording.compareAndSet(false, true)) {
			try {
				List<FinishedAttempt> batch = new ArrayList<>();
				FinishedAttempt next;
				while (batch.size() < RECORD_BATCH_SIZE && (next = this.finishedAttempts.poll()) != null) {
					batch.add(next);
				}
				record(batch);
			}
			finally {
				this.recording.set(false);
			}
		}
	}

	private void record(List<FinishedAttempt> batch) {
		List<FinishedAttempt> toRecord = new ArrayList<>(batch.size());
		List<FinishedAttempt> kept = new ArrayList<>();
		try {
			for (FinishedAttempt finished : batch) {
				finished.context().setStatusCode(finished.attempted().result().statusCode());
				if (this.releasedAtShutdown.contains(finished.attempted().claimed().delivery().id())) {
					// handed back as pending: what shutdown interrupted is no answer of the endpoint
					finished.context().setOutcome("released");
				}
				else {
					toRecord.add(finished);
				}
			}
			if (!toRecord.isEmpty()) {
				List<@Nullable DeliveryOutcome> outcomes = this.recorder
					.record(toRecord.stream().map(FinishedAttempt::attempted).toList());
				Instant now = this.clock.instant();
				for (int i = 0; i < toRecord.size(); i++) {
					DeliveryOutcome outcome = outcomes.get(i);
					toRecord.get(i).context().setOutcome((outcome != null) ? outcome.tagValue() : "lease_lost");
					if (outcome != null && outcome.nextAttemptAt() != null) {
						this.pollingLoop.wakeUpAt(outcome.nextAttemptAt(), now);
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// the store failed: each attempt is recorded at a later poll while its claim lasts, and
			// holds its permit meanwhile; past its lease, the delivery is claimed again
			Instant now = this.clock.instant();
			for (FinishedAttempt finished : toRecord) {
				Instant leaseEnd = finished.attempted().claimed().delivery().dueAt();
				if (this.running && leaseEnd != null && now.isBefore(leaseEnd)) {
					kept.add(finished);
				}
				else {
					finished.observation().error(ex);
					finished.context().setOutcome("failed");
				}
			}
			logger.error("The attempts of deliveries " + toRecord.stream()
				.map((finished) -> finished.attempted().claimed().delivery().id())
				.toList() + " could not be recorded; they are recorded once the store answers again, or made again "
					+ "when their leases end", ex);
		}
		finally {
			for (FinishedAttempt finished : batch) {
				if (!kept.contains(finished)) {
					finished.observation().stop();
					finished.whenRecorded().run();
				}
			}
			this.unrecorded.addAll(kept);
		}
	}

	// whatever goes wrong while sending is a failed attempt, retried on the endpoint's back-off:
	// the future returned always completes with a result
	private CompletableFuture<SendResult> attempt(WebhookEndpoint endpoint, ClaimedDelivery claimed) {
		Instant startedAt = this.clock.instant();
		try {
			return this.sender.sendAsync(endpoint, claimed.message())
				.exceptionally((ex) -> failed(claimed, startedAt, ex));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.completedFuture(failed(claimed, startedAt, ex));
		}
	}

	private SendResult failed(ClaimedDelivery claimed, Instant startedAt, Throwable ex) {
		logger.debug("Sending delivery " + claimed.delivery().id() + " failed", ex);
		return new SendResult(startedAt, Duration.between(startedAt, this.clock.instant()), null, null,
				ex.getClass().getName() + ": " + ex.getMessage(), null, null);
	}

	@Override
	public void stop() {
		this.running = false;
		// stored, pending: found due by the next instance to start
		this.stored.clear();
		this.storedCount.set(0);
		// a poll in progress finishes first: what it claimed is sent, or released as not sent
		this.pollingLoop.stop(this.settings.shutdownTimeout());
		// a last try, after which those the store still cannot take are claimed again past their leases
		retryUnrecorded();
		try {
			// in-flight requests finish within the timeout, or are handed back as pending
			if (!this.permits.tryAcquire(this.settings.maxConcurrency(), this.settings.shutdownTimeout().toMillis(),
					TimeUnit.MILLISECONDS)) {
				List<String> unfinished = List.copyOf(this.inFlightDeliveries);
				this.releasedAtShutdown.addAll(unfinished);
				logger.warn(unfinished.size() + " webhook deliveries still in flight at shutdown are returned to pending");
				this.store.release(unfinished);
			}
			else {
				this.permits.release(this.settings.maxConcurrency());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Executor senders = this.senders;
		if (senders != null) {
			WorkerThreads.shutdown(senders);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The endpoints disabled in the shared state, and when it was read.
	 *
	 * @param names the names of the disabled endpoints
	 * @param readAt when they were read
	 * @param changes the {@linkplain WebhookEndpoints#changes() changes} made through this
	 * instance when they were read
	 */
	private record DisabledEndpoints(Set<String> names, Instant readAt, long changes) {

	}

	/**
	 * An attempt that finished, waiting to be recorded.
	 *
	 * @param attempted the attempt and its result
	 * @param context the context of its observation
	 * @param observation its observation, stopped once it is recorded
	 * @param whenRecorded what to run once it is recorded, or could not be
	 */
	private record FinishedAttempt(DeliveryRecorder.Attempted attempted, WebhookDeliveryObservationContext context,
			Observation observation, Runnable whenRecorded) {

	}

	/**
	 * Concurrency and timing settings of a {@link DeliveryDispatcher}.
	 *
	 * @param maxConcurrency the maximum number of requests in flight
	 * @param maxConcurrencyPerEndpoint the maximum number of requests in flight to one endpoint
	 * @param pollInterval how often due deliveries are looked for
	 * @param disableAfter how long an endpoint may fail every attempt before it is disabled
	 * @param shutdownTimeout how long shutdown waits for requests in flight
	 */
	public record DeliveryDispatcherSettings(int maxConcurrency, int maxConcurrencyPerEndpoint, Duration pollInterval,
			Duration disableAfter, Duration shutdownTimeout) {

	}

}
