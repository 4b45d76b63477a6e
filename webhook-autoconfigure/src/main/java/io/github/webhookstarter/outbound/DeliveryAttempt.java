package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One attempt to deliver a message to an endpoint.
 *
 * @param deliveryId the id of the delivery
 * @param number the number of the attempt, from 1
 * @param startedAt when the request was started
 * @param duration how long until the response, or the failure
 * @param statusCode the response status, or {@code null} if there was no response
 * @param responseExcerpt at most the first 4 KB of the response body, or {@code null}
 * @param error why the request failed without a response, or {@code null}
 * @author Webhook Starter team
 */
public record DeliveryAttempt(String deliveryId, int number, Instant startedAt, Duration duration,
		@Nullable Integer statusCode, @Nullable String responseExcerpt, @Nullable String error) {

	/**
	 * Return whether the endpoint answered with a 2xx status.
	 * @return whether the attempt succeeded
	 */
	public boolean isSuccessful() {
		return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
	}

	/**
	 * Return what went wrong: the error without a response, or the status of an unsuccessful
	 * response.
	 * @return the failure, such as {@code HTTP 503}, or {@code null} if the attempt succeeded
	 */
	public @Nullable String failure() {
		if (this.error != null) {
			return this.error;
		}
		return (this.statusCode != null && !isSuccessful()) ? "HTTP " + this.statusCode : null;
	}

	/**
	 * Return this attempt noted as made under a claim that was lost before its result was
	 * recorded: its lease expired and the delivery was claimed again, so the result changed
	 * nothing.
	 * @return the attempt with the note in its error
	 */
	public DeliveryAttempt withLeaseLost() {
		String note = "lease lost: the delivery was claimed again before this result was recorded, which changed "
				+ "nothing";
		return new DeliveryAttempt(this.deliveryId, this.number, this.startedAt, this.duration, this.statusCode,
				this.responseExcerpt, (this.error != null) ? this.error + "; " + note : note);
	}

}
