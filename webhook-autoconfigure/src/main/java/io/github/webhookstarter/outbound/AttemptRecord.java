package io.github.webhookstarter.outbound;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An attempt to record in a {@link DeliveryStore}, with the status it leaves its delivery in.
 *
 * @param attempt the attempt
 * @param status the status of the delivery after it: {@link DeliveryStatus#DELIVERED},
 * {@link DeliveryStatus#PENDING} to retry, or {@link DeliveryStatus#FAILED}
 * @param nextAttemptAt when to retry, for {@link DeliveryStatus#PENDING}; {@code null} otherwise
 * @author Webhook Starter team
 */
public record AttemptRecord(DeliveryAttempt attempt, DeliveryStatus status, @Nullable Instant nextAttemptAt) {

	/**
	 * Create a record, checking that the status is one an attempt may leave and that a retry
	 * has its time.
	 * @param attempt the attempt
	 * @param status the status of the delivery after it
	 * @param nextAttemptAt when to retry
	 */
	public AttemptRecord {
		Assert.isTrue(status == DeliveryStatus.DELIVERED || status == DeliveryStatus.PENDING
				|| status == DeliveryStatus.FAILED, () -> "An attempt cannot leave a delivery " + status);
		Assert.isTrue(status != DeliveryStatus.PENDING || nextAttemptAt != null,
				"A delivery to retry needs a 'nextAttemptAt'");
		if (status != DeliveryStatus.PENDING) {
			nextAttemptAt = null;
		}
	}

}
