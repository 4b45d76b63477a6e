package io.github.webhookstarter.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

/**
 * Runs a poll on a thread of its own: at once when woken up, at a time it was told work falls
 * due, else on a timer whose interval doubles, up to a maximum, while the timer's polls find
 * nothing to do, and drops back to the minimum as soon as a poll does. An idle application
 * polls its store rarely; a busy one, or one that just stored work itself, without delay. Only
 * an idle timer tick lengthens the interval: a wake-up that finds nothing, such as one after a
 * finished request, leaves it as it is, so that a burst of wake-ups cannot push the timer to
 * its maximum.
 *
 * @author Webhook Starter team
 */
public final class PollingLoop {

	private static final Log logger = LogFactory.getLog(PollingLoop.class);

	private static final long DUE_TIME_MARGIN_MILLIS = 5;

	private final String threadNamePrefix;

	private final Duration minInterval;

	private final Duration maxInterval;

	private final BooleanSupplier poll;

	private final AtomicBoolean wakeUpPending = new AtomicBoolean();

	private final Object timerLock = new Object();

	private volatile @Nullable ScheduledExecutorService executor;

	private @Nullable ScheduledFuture<?> timer;

	private Duration interval;

	/**
	 * Create a loop.
	 * @param threadNamePrefix the name prefix of its thread
	 * @param minInterval the interval of the timer while polls find work
	 * @param maxInterval the longest interval of the timer while polls find none
	 * @param poll polls once and returns whether it found work
	 */
	public PollingLoop(String threadNamePrefix, Duration minInterval, Duration maxInterval, BooleanSupplier poll) {
		Assert.isTrue(!minInterval.isNegative() && !minInterval.isZero(), "Minimum interval must be positive");
		Assert.isTrue(maxInterval.compareTo(minInterval) >= 0, "Maximum interval must not be below the minimum");
		this.threadNamePrefix = threadNamePrefix;
		this.minInterval = minInterval;
		this.maxInterval = maxInterval;
		this.poll = poll;
		this.interval = minInterval;
	}

	/**
	 * Start polling, at once.
	 */
	public void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory(this.threadNamePrefix));
		wakeUp();
	}

	/**
	 * Poll as soon as possible; wake-ups that arrive before that poll starts are merged into it.
	 */
	public void wakeUp() {
		ScheduledExecutorService executor = this.executor;
		if (executor != null && this.wakeUpPending.compareAndSet(false, true)) {
			try {
				executor.execute(() -> {
					this.wakeUpPending.set(false);
					run(false);
				});
			}
			catch (RejectedExecutionException ex) {
				// stopped meanwhile
			}
		}
	}

	/**
	 * Poll when work falls due, such as a retry that was just stored.
	 * @param dueAt when the work is due
	 * @param now the current time
	 */
	public void wakeUpAt(Instant dueAt, Instant now) {
		wakeUpAfter(Duration.between(now, dueAt));
	}

	/**
	 * Poll after a delay, such as when a rate limit lets work start again.
	 * @param delay the delay
	 */
	public void wakeUpAfter(Duration delay) {
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			try {
				// rounded up, and a little later, so that the poll does not come just before the due
				// time of a clock that the scheduler's nano time does not follow exactly
				long millis = Math.max(0, (delay.toNanos() + 999_999) / 1_000_000) + DUE_TIME_MARGIN_MILLIS;
				executor.schedule(this::wakeUp, millis, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// stopped meanwhile
			}
		}
	}

	private void run(boolean timerTick) {
		boolean found;
		try {
			found = this.poll.getAsBoolean();
		}
		catch (RuntimeException ex) {
			logger.warn("Poll on " + this.threadNamePrefix + " failed; trying again later", ex);
			found = false;
		}
		synchronized (this.timerLock) {
			if (found) {
				this.interval = this.minInterval;
			}
			else if (timerTick) {
				this.interval = min(this.interval.multipliedBy(2), this.maxInterval);
			}
			ScheduledExecutorService executor = this.executor;
			if (this.timer != null) {
				this.timer.cancel(false);
			}
			try {
				this.timer = (executor != null)
						? executor.schedule(() -> run(true), this.interval.toMillis(), TimeUnit.MILLISECONDS) : null;
			}
			catch (RejectedExecutionException ex) {
				this.timer = null;
			}
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Stop polling; a poll in progress is interrupted.
	 */
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

}
