package io.github.webhookstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.Assert;

import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.outbound.DeliveryStore;

/**
 * Purges, on a daemon thread of its own, the processed calls of an {@link InboundStore} and
 * the finished messages of a {@link DeliveryStore} once they are older than the retention, in
 * batches of {@value #BATCH_SIZE} until a batch is not full.
 * <p>
 * It purges every tenth of the retention, but at most hourly, so that rows outlive it by
 * little, and at least a minute apart, so that a short retention does not keep the database
 * busy. The first purge runs a minute after start: not while the application starts, yet
 * also in one restarted more often than the interval.
 *
 * @author Webhook Starter team
 */
public final class StorePurger implements SmartLifecycle {

	static final int BATCH_SIZE = 1000;

	private static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

	private static final Duration MAX_INTERVAL = Duration.ofHours(1);

	private static final Log logger = LogFactory.getLog(StorePurger.class);

	private final Map<String, Purge> purges = new LinkedHashMap<>();

	private final Duration retention;

	private final Duration interval;

	private final Clock clock;

	private final ThreadPoolTaskSchedulerBuilder schedulerBuilder;

	private volatile @Nullable ThreadPoolTaskScheduler scheduler;

	/**
	 * Create a purger.
	 * @param inboundStore the store of received calls, or {@code null} if there is none
	 * @param deliveryStore the store of deliveries, or {@code null} if there is none
	 * @param retention how long processed calls and finished messages are kept
	 * @param clock the clock that tells how old they are
	 */
	public StorePurger(@Nullable InboundStore inboundStore, @Nullable DeliveryStore deliveryStore, Duration retention,
			Clock clock) {
		this(inboundStore, deliveryStore, retention, clock, new ThreadPoolTaskSchedulerBuilder());
	}

	/**
	 * Create a purger whose thread is built with the application's scheduler builder, so that
	 * it gets the application's task decorator.
	 * @param inboundStore the store of received calls, or {@code null} if there is none
	 * @param deliveryStore the store of deliveries, or {@code null} if there is none
	 * @param retention how long processed calls and finished messages are kept
	 * @param clock the clock that tells how old they are
	 * @param schedulerBuilder builds the scheduler of its thread
	 */
	public StorePurger(@Nullable InboundStore inboundStore, @Nullable DeliveryStore deliveryStore, Duration retention,
			Clock clock, ThreadPoolTaskSchedulerBuilder schedulerBuilder) {
		Assert.isTrue(!retention.isNegative() && !retention.isZero(), "Retention must be positive");
		if (inboundStore != null) {
			this.purges.put("processed inbound calls", inboundStore::purge);
		}
		if (deliveryStore != null) {
			this.purges.put("finished outbound messages", deliveryStore::purge);
		}
		this.retention = retention;
		this.interval = clamp(retention.dividedBy(10));
		this.clock = clock;
		this.schedulerBuilder = schedulerBuilder;
	}

	private static Duration clamp(Duration interval) {
		if (interval.compareTo(MIN_INTERVAL) < 0) {
			return MIN_INTERVAL;
		}
		return (interval.compareTo(MAX_INTERVAL) > 0) ? MAX_INTERVAL : interval;
	}

	Duration getInterval() {
		return this.interval;
	}

	@Override
	public void start() {
		ThreadPoolTaskScheduler scheduler = this.schedulerBuilder.poolSize(1)
			.threadNamePrefix("webhook-purge-")
			// a purge in progress is interrupted on stop
			.awaitTermination(false)
			.build();
		scheduler.setDaemon(true);
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::purgeNow, scheduler.getClock().instant().plus(MIN_INTERVAL),
				this.interval);
		this.scheduler = scheduler;
	}

	/**
	 * Purge each store of what is older than the retention, batch after batch. A failure is
	 * logged and left to the next run, which would otherwise never come: a scheduled task that
	 * throws is not run again.
	 */
	void purgeNow() {
		Instant before = this.clock.instant().minus(this.retention);
		this.purges.forEach((name, purge) -> {
			try {
				int purged = 0;
				int batch;
				do {
					batch = purge.purge(before, BATCH_SIZE);
					purged += batch;
				}
				while (batch >= BATCH_SIZE && !Thread.currentThread().isInterrupted());
				if (logger.isDebugEnabled()) {
					logger.debug("Purged " + purged + " " + name + " older than " + before);
				}
			}
			catch (RuntimeException ex) {
				logger.warn("Purging " + name + " failed; trying again in " + this.interval, ex);
			}
		});
	}

	/**
	 * Stop purging; a purge in progress is interrupted.
	 */
	@Override
	public void stop() {
		ThreadPoolTaskScheduler scheduler = this.scheduler;
		this.scheduler = null;
		if (scheduler != null) {
			scheduler.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * What {@link InboundStore#purge} and {@link DeliveryStore#purge} have in common.
	 */
	@FunctionalInterface
	private interface Purge {

		int purge(Instant before, int limit);

	}

}
