package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.github.webhookstarter.core.internal.RetrySchedule;

/**
 * What an attempt to deliver a webhook comes to, decided from the endpoint's answer: delivered,
 * retried at a time, or failed for good, and whether the endpoint said it is gone.
 *
 * @param status the status of the delivery after the attempt
 * @param nextAttemptAt when the delivery is retried, or {@code null} if it is not
 * @param gone whether the endpoint answered {@code 410 Gone}
 * @author Webhook Starter team
 */
record DeliveryOutcome(DeliveryStatus status, @Nullable Instant nextAttemptAt, boolean gone) {

	/**
	 * Decide the outcome of an attempt. Any 2xx is a success; a 410 is not retried; otherwise
	 * the endpoint's back-off says whether to retry, at the time it computes or after the
	 * {@code Retry-After} the endpoint asked for.
	 * @param endpoint the endpoint
	 * @param attempts the attempts made so far, this one included
	 * @param result what the endpoint answered
	 * @param now the current time
	 * @return the outcome
	 */
	static DeliveryOutcome decide(WebhookEndpoint endpoint, int attempts, SendResult result, Instant now) {
		if (result.isSuccessful()) {
			return new DeliveryOutcome(DeliveryStatus.DELIVERED, null, false);
		}
		if (result.isGone()) {
			return new DeliveryOutcome(DeliveryStatus.FAILED, null, true);
		}
		Duration delay = RetrySchedule.delayAfter(endpoint.backOff(), attempts);
		if (delay == null) {
			return new DeliveryOutcome(DeliveryStatus.FAILED, null, false);
		}
		Duration retryAfter = result.retryAfter();
		if (retryAfter != null) {
			delay = retryAfter;
		}
		return new DeliveryOutcome(DeliveryStatus.PENDING, now.plus(delay), false);
	}

	/**
	 * Return the outcome as the {@code outcome} tag of the {@code webhook.delivery}
	 * observation.
	 * @return {@code delivered}, {@code retry}, {@code gone} or {@code exhausted}
	 */
	String tagValue() {
		if (this.status == DeliveryStatus.DELIVERED) {
			return "delivered";
		}
		if (this.gone) {
			return "gone";
		}
		return (this.nextAttemptAt != null) ? "retry" : "exhausted";
	}

}
