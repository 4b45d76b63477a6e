package io.github.webhookstarter.core.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Computes when a failed attempt is retried from a {@link BackOff}, so that a retry is stored as
 * a due time instead of being slept on by a worker thread.
 *
 * @author Webhook Starter team
 */
public final class RetrySchedule {

	private RetrySchedule() {
	}

	/**
	 * Return how long to wait before the next attempt after the given number of failed
	 * attempts.
	 * @param backOff the back-off policy, or {@code null} for a single attempt
	 * @param failedAttempts the attempts made so far, all failed, at least 1
	 * @return the delay before the next attempt, or {@code null} if the attempts are exhausted
	 */
	public static @Nullable Duration delayAfter(@Nullable BackOff backOff, int failedAttempts) {
		if (backOff == null) {
			return null;
		}
		BackOffExecution execution = backOff.start();
		long delay = BackOffExecution.STOP;
		for (int i = 0; i < failedAttempts; i++) {
			delay = execution.nextBackOff();
			if (delay == BackOffExecution.STOP) {
				return null;
			}
		}
		return Duration.ofMillis(delay);
	}

	/**
	 * Return how many attempts a back-off allows in all, the first one included, when it
	 * allows at most {@code limit}.
	 * @param backOff the back-off policy, or {@code null} for a single attempt
	 * @param limit the most attempts to count
	 * @return the number of attempts, or {@code null} if the back-off allows more than
	 * {@code limit}
	 */
	public static @Nullable Integer maxAttempts(@Nullable BackOff backOff, int limit) {
		if (backOff == null) {
			return 1;
		}
		BackOffExecution execution = backOff.start();
		for (int attempts = 1; attempts <= limit; attempts++) {
			if (execution.nextBackOff() == BackOffExecution.STOP) {
				return attempts;
			}
		}
		return null;
	}

}
