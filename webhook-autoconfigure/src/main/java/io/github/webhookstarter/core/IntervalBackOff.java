package io.github.webhookstarter.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * A {@link BackOff} that waits a fixed list of intervals, each randomized by a jitter, and then
 * stops: after a first attempt, one more attempt per interval.
 *
 * @author Webhook Starter team
 */
public final class IntervalBackOff implements BackOff {

	/**
	 * The schedule of the Standard Webhooks specification (and Svix): 5 seconds, 5 minutes,
	 * 30 minutes, 2 hours, 5 hours, 10 hours and 10 hours.
	 */
	public static final List<Duration> STANDARD_WEBHOOKS_INTERVALS = List.of(Duration.ofSeconds(5),
			Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
			Duration.ofHours(10), Duration.ofHours(10));

	private final List<Duration> intervals;

	private final double jitter;

	/**
	 * Create a back-off over the given intervals.
	 * @param intervals the waits between consecutive attempts
	 * @param jitter the fraction, from 0 to 1, by which each interval varies at random in
	 * either direction
	 */
	public IntervalBackOff(List<Duration> intervals, double jitter) {
		Assert.notNull(intervals, "Intervals must not be null");
		Assert.isTrue(jitter >= 0 && jitter <= 1, "Jitter must be between 0 and 1");
		this.intervals = List.copyOf(intervals);
		this.jitter = jitter;
	}

	/**
	 * Return the back-off of the Standard Webhooks specification: its
	 * {@linkplain #STANDARD_WEBHOOKS_INTERVALS intervals}, each varying by 20 %.
	 * @return the back-off
	 */
	public static IntervalBackOff standardWebhooks() {
		return new IntervalBackOff(STANDARD_WEBHOOKS_INTERVALS, 0.2);
	}

	@Override
	public BackOffExecution start() {
		return new BackOffExecution() {

			private int next;

			@Override
			public long nextBackOff() {
				if (this.next >= IntervalBackOff.this.intervals.size()) {
					return STOP;
				}
				return randomized(IntervalBackOff.this.intervals.get(this.next++).toMillis());
			}

		};
	}

	private long randomized(long interval) {
		if (this.jitter == 0 || interval == 0) {
			return interval;
		}
		double delta = interval * this.jitter;
		return Math.round(ThreadLocalRandom.current().nextDouble(interval - delta, interval + delta));
	}

	@Override
	public String toString() {
		return "IntervalBackOff{intervals=" + this.intervals + ", jitter=" + this.jitter + "}";
	}

}
