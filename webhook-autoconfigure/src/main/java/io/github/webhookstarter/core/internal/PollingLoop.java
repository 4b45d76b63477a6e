package io.github.webhookstarter.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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

	private final Poll poll;

	private final AtomicBoolean wakeUpPending = new AtomicBoolean();

	// whether a wake-up set by wakeUpAfter came since the last poll, which may have been merged
	// into a plain wake-up
	private final AtomicBoolean dueWakeUpPending = new AtomicBoolean();

	// the times, in the scheduler's milliseconds, of the wake-ups set by wakeUpAfter
	private final Set<Long> scheduledWakeUps = ConcurrentHashMap.newKeySet();

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
	public PollingLoop(String threadNamePrefix, Duration minInterval, Duration maxInterval, Poll poll) {
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
			// rounded up, and a little later, so that the poll does not come just before the due
			// time of a clock that the scheduler's nano time does not follow exactly
			long millis = Math.max(0, (delay.toNanos() + 999_999) / 1_000_000) + DUE_TIME_MARGIN_MILLIS;
			// then up to a step of at most 1/64 of the delay, small beside a back-off's jitter: a
			// backlog of retries sets one timer per step rather than one per retry, a few
			// thousand at most however many retries wait
			long step = Long.highestOneBit(Math.max(1, millis / 64));
			long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
			long wakeUpAt = ((now + millis + step - 1) / step) * step;
			if (this.scheduledWakeUps.add(wakeUpAt)) {
				try {
					executor.schedule(() -> {
						this.scheduledWakeUps.remove(wakeUpAt);
						this.dueWakeUpPending.set(true);
						wakeUp();
					}, wakeUpAt - now, TimeUnit.MILLISECONDS);
				}
				catch (RejectedExecutionException ex) {
					// stopped meanwhile
					this.scheduledWakeUps.remove(wakeUpAt);
				}
			}
		}
	}

	/**
	 * Return the number of wake-ups that {@link #wakeUpAfter} has set and that are still to
	 * come.
	 * @return the number of timers set
	 */
	int scheduledWakeUps() {
		return this.scheduledWakeUps.size();
	}

	private void run(boolean timerTick) {
		boolean found;
		try {
			found = this.poll.poll(this.dueWakeUpPending.getAndSet(false) || timerTick);
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
	 * Stop polling: a poll in progress is interrupted, and waited for, for at most the given
	 * time, so that none goes on after this returns.
	 * @param timeout how long to wait for a poll in progress
	 */
	public void stop(Duration timeout) {
		ScheduledExecutorService executor = this.executor;
		this.executor = null;
		if (executor != null) {
			executor.shutdownNow();
			try {
				if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					logger.warn("A poll on " + this.threadNamePrefix + " is still running " + timeout + " after stop");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.scheduledWakeUps.clear();
	}

	/**
	 * One poll of a {@link PollingLoop}.
	 */
	@FunctionalInterface
	public interface Poll {

		/**
		 * Poll once.
		 * @param scheduled whether the poll comes from the timer or at a time it was told
		 * work falls due, rather than only from a {@linkplain PollingLoop#wakeUp() wake-up}
		 * @return whether it found work
		 */
		boolean poll(boolean scheduled);

	}

}
