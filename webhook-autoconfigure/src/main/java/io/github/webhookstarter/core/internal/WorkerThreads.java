package io.github.webhookstarter.core.internal;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.Assert;
import org.springframework.util.ConcurrencyThrottleSupport;

/**
 * The worker threads of a component, built with Spring Boot's executor builders each time the
 * component starts, so that they get the application's task decorator, and are virtual threads
 * when {@code spring.threads.virtual.enabled} is set: a thread per task on virtual threads, a
 * fixed pool of platform threads otherwise. The component bounds how many tasks it submits.
 *
 * @author Webhook Starter team
 */
public final class WorkerThreads {

	private final String threadNamePrefix;

	private final int threads;

	private final boolean virtualThreads;

	private final Duration awaitTermination;

	private final SimpleAsyncTaskExecutorBuilder simpleBuilder;

	private final ThreadPoolTaskExecutorBuilder poolBuilder;

	/**
	 * Create the worker threads of a component.
	 * @param threadNamePrefix the name prefix of the threads
	 * @param threads how many platform threads the pool has
	 * @param virtualThreads whether to run each task on a virtual thread of its own instead
	 * @param awaitTermination how long {@link #shutdown(Executor)} waits for running tasks;
	 * zero to interrupt them at once
	 * @param simpleBuilder the builder of executors on virtual threads
	 * @param poolBuilder the builder of pools of platform threads
	 */
	public WorkerThreads(String threadNamePrefix, int threads, boolean virtualThreads, Duration awaitTermination,
			SimpleAsyncTaskExecutorBuilder simpleBuilder, ThreadPoolTaskExecutorBuilder poolBuilder) {
		Assert.isTrue(threads > 0, "Threads must be positive");
		Assert.isTrue(!awaitTermination.isNegative(), "Await termination must not be negative");
		this.threadNamePrefix = threadNamePrefix;
		this.threads = threads;
		this.virtualThreads = virtualThreads;
		this.awaitTermination = awaitTermination;
		this.simpleBuilder = simpleBuilder;
		this.poolBuilder = poolBuilder;
	}

	/**
	 * Build and start a new executor.
	 * @return the executor, to be given back to {@link #shutdown(Executor)}
	 */
	public AsyncTaskExecutor start() {
		if (this.virtualThreads) {
			return this.simpleBuilder.threadNamePrefix(this.threadNamePrefix)
				.virtualThreads(true)
				// the component bounds its tasks: the application's limit is for its own executor
				.concurrencyLimit(ConcurrencyThrottleSupport.UNBOUNDED_CONCURRENCY)
				.rejectTasksWhenLimitReached(false)
				.taskTerminationTimeout(this.awaitTermination)
				.build();
		}
		ThreadPoolTaskExecutor executor = this.poolBuilder.threadNamePrefix(this.threadNamePrefix)
			.corePoolSize(this.threads)
			.maxPoolSize(this.threads)
			.queueCapacity(Integer.MAX_VALUE)
			.allowCoreThreadTimeOut(false)
			.awaitTermination(!this.awaitTermination.isZero())
			.awaitTerminationPeriod(this.awaitTermination)
			.build();
		executor.initialize();
		return executor;
	}

	/**
	 * Stop an executor made by {@link #start()}: wait up to the termination timeout for the
	 * tasks that run, or interrupt them if there is none.
	 * @param executor the executor
	 */
	public static void shutdown(Executor executor) {
		if (executor instanceof ThreadPoolTaskExecutor pool) {
			pool.shutdown();
		}
		else if (executor instanceof SimpleAsyncTaskExecutor simple) {
			simple.close();
		}
	}

}
