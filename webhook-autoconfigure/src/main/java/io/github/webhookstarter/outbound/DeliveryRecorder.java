package io.github.webhookstarter.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.webhookstarter.core.internal.LibraryEvents;
import io.github.webhookstarter.core.internal.RetrySchedule;

/**
 * Records what attempts to deliver webhooks came to: stores each attempt and its delivery's
 * outcome, under the claim that made it, a batch of attempts at a time; then, for each attempt
 * whose claim still held, keeps the endpoint's shared state (failing since, disabled after
 * {@code disable-after} of failures or on {@code 410 Gone} if it says so), publishes the
 * library's delivery events and logs the failure.
 * <p>
 * A failed attempt logs one WARN line, at most one per endpoint and {@link #FAILURE_LOG_INTERVAL}
 * (the lines it holds back are counted in the next one), so that a dead endpoint cannot flood
 * the log; an exhausted delivery logs one ERROR line. Neither carries a secret or a body.
 *
 * @author Webhook Starter team
 */
final class DeliveryRecorder {

	private static final Log logger = LogFactory.getLog(DeliveryRecorder.class);

	static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);

	// attempts counted for "attempt n of m"; a back-off allowing more says "attempt n"
	private static final int MAX_COUNTED_ATTEMPTS = 100;

	private final DeliveryStore store;

	private final WebhookEndpoints endpoints;

	private final LibraryEvents events;

	private final Clock clock;

	private final Duration disableAfter;

	private final Map<String, FailureLog> failureLogs = new ConcurrentHashMap<>();

	DeliveryRecorder(DeliveryStore store, WebhookEndpoints endpoints, LibraryEvents events, Clock clock,
			Duration disableAfter) {
		this.store = store;
		this.endpoints = endpoints;
		this.events = events;
		this.clock = clock;
		this.disableAfter = disableAfter;
	}

	/**
	 * Record attempts, together: the store writes them in one batch, then each is handled
	 * as its outcome says.
	 * @param attempts the attempts, at most one per delivery
	 * @return the outcome of each attempt, in the same order, {@code null} where the claim
	 * was lost and the outcome changed nothing
	 */
	List<@Nullable DeliveryOutcome> record(List<Attempted> attempts) {
		Instant now = this.clock.instant();
		List<DeliveryOutcome> outcomes = new ArrayList<>(attempts.size());
		List<AttemptRecord> records = new ArrayList<>(attempts.size());
		for (Attempted attempted : attempts) {
			Delivery delivery = attempted.claimed().delivery();
			DeliveryOutcome outcome = DeliveryOutcome.decide(attempted.endpoint(), delivery.attempts(),
					attempted.result(), now);
			outcomes.add(outcome);
			records.add(new AttemptRecord(attempted.result().toAttempt(delivery.id(), delivery.attempts()),
					outcome.status(), outcome.nextAttemptAt()));
		}
		Set<String> recorded = this.store.recordAttempts(records);
		// one write of the shared state per endpoint, however many of its deliveries succeeded
		Set<String> succeeded = new LinkedHashSet<>();
		for (int i = 0; i < attempts.size(); i++) {
			if (outcomes.get(i).status() == DeliveryStatus.DELIVERED
					&& recorded.contains(records.get(i).attempt().deliveryId())) {
				succeeded.add(attempts.get(i).endpoint().name());
			}
		}
		if (!succeeded.isEmpty()) {
			this.endpoints.recordSuccess(succeeded);
		}
		List<@Nullable DeliveryOutcome> result = new ArrayList<>(attempts.size());
		for (int i = 0; i < attempts.size(); i++) {
			DeliveryAttempt attempt = records.get(i).attempt();
			boolean claimHeld = recorded.contains(attempt.deliveryId());
			if (claimHeld) {
				handle(attempts.get(i), attempt, outcomes.get(i), now);
			}
			else {
				logger.warn("Delivery " + attempt.deliveryId() + " to endpoint '" + attempts.get(i).endpoint().name()
						+ "' was claimed again before attempt " + attempt.number()
						+ " was recorded (its lease expired): that attempt changed nothing");
			}
			result.add(claimHeld ? outcomes.get(i) : null);
		}
		return result;
	}

	private void handle(Attempted attempted, DeliveryAttempt attempt, DeliveryOutcome outcome, Instant now) {
		WebhookEndpoint endpoint = attempted.endpoint();
		Delivery delivery = attempted.claimed().delivery();
		WebhookMessage message = attempted.claimed().message();
		if (outcome.status() == DeliveryStatus.DELIVERED) {
			this.events.publish(new WebhookDeliverySucceeded(endpoint.name(), message.type(), message.id(), attempt));
			return;
		}
		logFailure(endpoint, delivery, attempt, outcome.nextAttemptAt(), now);
		this.events.publish(new WebhookDeliveryFailed(endpoint.name(), message.type(), message.id(), attempt,
				outcome.nextAttemptAt()));
		if (outcome.nextAttemptAt() == null) {
			logger.error("Delivery " + delivery.id() + " of " + message.type() + " message " + message.id()
					+ " to endpoint '" + endpoint.name() + "' failed for good after " + attempt.number()
					+ " attempt(s), the last with " + attempt.failure() + "; it can be retried by hand");
			this.events.publish(new WebhookDeliveryExhausted(endpoint.name(), message.type(), message.id(),
					delivery.id(), delivery.attempts()));
		}
		if (outcome.gone()) {
			if (endpoint.disableOnGone()) {
				disable(endpoint, "it answered 410 Gone", now);
			}
			else {
				logger.warn("Webhook endpoint '" + endpoint.name() + "' answered 410 Gone: the delivery failed, and the "
						+ "endpoint stays enabled as it does not set 'disable-on-gone'");
			}
			return;
		}
		Instant failingSince = this.endpoints.recordFailure(endpoint.name(), now);
		if (!failingSince.plus(this.disableAfter).isAfter(now)) {
			disable(endpoint, "every attempt failed since " + failingSince, now);
		}
	}

	private void logFailure(WebhookEndpoint endpoint, Delivery delivery, DeliveryAttempt attempt,
			@Nullable Instant nextAttemptAt, Instant now) {
		if (!logger.isWarnEnabled()) {
			return;
		}
		FailureLog log = this.failureLogs.computeIfAbsent(endpoint.name(), (name) -> new FailureLog());
		long heldBack = log.heldBackSince(now);
		if (heldBack < 0) {
			return;
		}
		Integer maxAttempts = RetrySchedule.maxAttempts(endpoint.backOff(), MAX_COUNTED_ATTEMPTS);
		logger.warn("Webhook delivery " + delivery.id() + " to endpoint '" + endpoint.name() + "' failed with "
				+ attempt.failure() + " (attempt " + attempt.number() + ((maxAttempts != null) ? " of " + maxAttempts : "")
				+ "); " + ((nextAttemptAt != null) ? "next attempt at " + nextAttemptAt : "no attempt left")
				+ ((heldBack > 0) ? "; " + heldBack + " more failed attempt(s) to this endpoint not logged" : ""));
	}

	private void disable(WebhookEndpoint endpoint, String reason, Instant now) {
		if (this.endpoints.disable(endpoint.name(), reason, now)) {
			logger.warn("Webhook endpoint '" + endpoint.name() + "' disabled: " + reason);
			this.events.publish(new WebhookEndpointDisabled(endpoint.name(), reason));
		}
	}

	/**
	 * When the failures of one endpoint were last logged, and how many were held back since.
	 */
	private static final class FailureLog {

		private @Nullable Instant loggedAt;

		private long heldBack;

		/**
		 * Count a failure.
		 * @param now the current time
		 * @return {@code -1} if it is held back, else how many were held back before it
		 */
		synchronized long heldBackSince(Instant now) {
			if (this.loggedAt != null && now.isBefore(this.loggedAt.plus(FAILURE_LOG_INTERVAL))) {
				this.heldBack++;
				return -1;
			}
			long heldBack = this.heldBack;
			this.loggedAt = now;
			this.heldBack = 0;
			return heldBack;
		}

	}

	/**
	 * An attempt that has finished, to record.
	 *
	 * @param endpoint the endpoint
	 * @param claimed the claimed delivery the attempt was made for
	 * @param result what the endpoint answered
	 */
	record Attempted(WebhookEndpoint endpoint, ClaimedDelivery claimed, SendResult result) {

	}

}
