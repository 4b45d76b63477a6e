package io.github.webhookstarter.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import io.github.webhookstarter.core.IntervalBackOff;

/**
 * Creates the {@link BackOff} that {@link BackoffProperties} describes, {@code null}
 * for a single attempt.
 * <p>
 * Public for the inbound and the outbound auto-configurations, which both retry on a
 * configured schedule.
 *
 * @author Webhook Starter team
 */
public final class BackOffs {

	private BackOffs() {
	}

	/**
	 * Create the back-off that properties describe.
	 * @param properties the back-off properties
	 * @return the back-off, or {@code null} for a single attempt
	 */
	public static @Nullable BackOff of(BackoffProperties properties) {
		if (!properties.isEnabled()) {
			return null;
		}
		if (!properties.getIntervals().isEmpty()) {
			return new IntervalBackOff(properties.getIntervals(), properties.getJitter());
		}
		if (properties.getMaxAttempts() == null && properties.getInitialInterval() == null) {
			return new IntervalBackOff(IntervalBackOff.STANDARD_WEBHOOKS_INTERVALS, properties.getJitter());
		}
		ExponentialBackOff backOff = new ExponentialBackOff();
		Duration initialInterval = properties.getInitialInterval();
		if (initialInterval != null) {
			backOff.setInitialInterval(initialInterval.toMillis());
		}
		backOff.setJitter(Math.round(backOff.getInitialInterval() * properties.getJitter()));
		backOff.setMultiplier(properties.getMultiplier());
		if (properties.getMaxAttempts() != null) {
			// the first attempt is not a retry
			backOff.setMaxAttempts(properties.getMaxAttempts() - 1);
		}
		if (properties.getMaxInterval() != null) {
			backOff.setMaxInterval(properties.getMaxInterval().toMillis());
		}
		if (properties.getMaxElapsed() != null) {
			backOff.setMaxElapsedTime(properties.getMaxElapsed().toMillis());
		}
		return backOff;
	}

}
