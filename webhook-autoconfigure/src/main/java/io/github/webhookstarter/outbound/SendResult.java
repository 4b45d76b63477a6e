package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What happened when a webhook was sent to an endpoint once.
 *
 * @param startedAt when the request was started
 * @param duration how long until the response, or the failure
 * @param statusCode the response status, or {@code null} if there was no response
 * @param responseExcerpt at most the first 4 KB of the response body, or {@code null}
 * @param error why the request failed without a response, or {@code null}
 * @param retryAfter how long the endpoint asked to wait with {@code Retry-After} on a 429 or
 * 503, capped at one day, or {@code null}
 * @param cancelReason the reason of a 2xx {@code application/vnd.webhook.cancel+json} response,
 * which only a before-phase call acts on, or {@code null}
 * @author Webhook Starter team
 */
public record SendResult(Instant startedAt, Duration duration, @Nullable Integer statusCode,
		@Nullable String responseExcerpt, @Nullable String error, @Nullable Duration retryAfter,
		@Nullable String cancelReason) {

	/**
	 * Return whether the endpoint answered with a 2xx status.
	 * @return whether the webhook was delivered
	 */
	public boolean isSuccessful() {
		return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
	}

	/**
	 * Return whether the endpoint answered {@code 410 Gone}: it wants no more webhooks.
	 * @return whether the endpoint is gone
	 */
	boolean isGone() {
		return this.statusCode != null && this.statusCode == 410;
	}

	/**
	 * Return this result as the attempt of a delivery.
	 * @param deliveryId the id of the delivery
	 * @param number the number of the attempt
	 * @return the attempt
	 */
	DeliveryAttempt toAttempt(String deliveryId, int number) {
		return new DeliveryAttempt(deliveryId, number, this.startedAt, this.duration, this.statusCode,
				this.responseExcerpt, this.error);
	}

}
