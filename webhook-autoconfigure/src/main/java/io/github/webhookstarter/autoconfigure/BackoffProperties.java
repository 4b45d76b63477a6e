package io.github.webhookstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Retries on a schedule: a list of intervals, or exponential parameters. Without either,
 * the Standard Webhooks schedule: an immediate attempt, then 5s, 5m, 30m, 2h, 5h, 10h and
 * 10h.
 * <p>
 * Shared by {@code webhook.inbound.backoff} and the back-off of every endpoint.
 *
 * @author Webhook Starter team
 */
public class BackoffProperties {

	/**
	 * Whether failed attempts are retried; "backoff: false" is short for false.
	 */
	private boolean enabled = true;

	/**
	 * Waits between consecutive attempts; one more attempt than intervals.
	 */
	private List<Duration> intervals = new ArrayList<>();

	/**
	 * Maximum number of attempts, first one included, of an exponential schedule.
	 */
	private @Nullable Integer maxAttempts;

	/**
	 * First wait of an exponential schedule.
	 */
	private @Nullable Duration initialInterval;

	/**
	 * Factor by which each wait of an exponential schedule grows.
	 */
	private double multiplier = 2;

	/**
	 * Longest wait of an exponential schedule.
	 */
	private @Nullable Duration maxInterval;

	/**
	 * Time after the first failure past which an exponential schedule stops retrying.
	 */
	private @Nullable Duration maxElapsed;

	/**
	 * Fraction, from 0 to 1, by which each wait varies at random in either direction.
	 */
	private double jitter = 0.2;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<Duration> getIntervals() {
		return this.intervals;
	}

	public void setIntervals(List<Duration> intervals) {
		this.intervals = intervals;
	}

	public @Nullable Integer getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(@Nullable Integer maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public @Nullable Duration getInitialInterval() {
		return this.initialInterval;
	}

	public void setInitialInterval(@Nullable Duration initialInterval) {
		this.initialInterval = initialInterval;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		this.multiplier = multiplier;
	}

	public @Nullable Duration getMaxInterval() {
		return this.maxInterval;
	}

	public void setMaxInterval(@Nullable Duration maxInterval) {
		this.maxInterval = maxInterval;
	}

	public @Nullable Duration getMaxElapsed() {
		return this.maxElapsed;
	}

	public void setMaxElapsed(@Nullable Duration maxElapsed) {
		this.maxElapsed = maxElapsed;
	}

	public double getJitter() {
		return this.jitter;
	}

	public void setJitter(double jitter) {
		this.jitter = jitter;
	}

}
