package io.github.webhookstarter.core.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link WorkerThreads}.
 */
class WorkerThreadsTests {

	private final List<String> decorated = new CopyOnWriteArrayList<>();

	private final TaskDecorator decorator = (task) -> () -> {
		this.decorated.add(Thread.currentThread().getName());
		task.run();
	};

	@Test
	void platformThreadsAreAFixedPoolWithThePrefixAndTheBuildersDecorator() throws Exception {
		AsyncTaskExecutor executor = threads(false, Duration.ZERO).start();
		try {
			assertThat(executor).isInstanceOfSatisfying(ThreadPoolTaskExecutor.class, (pool) -> {
				assertThat(pool.getCorePoolSize()).isEqualTo(3);
				assertThat(pool.getMaxPoolSize()).isEqualTo(3);
			});
			CountDownLatch ran = new CountDownLatch(1);
			executor.execute(ran::countDown);
			assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(this.decorated).singleElement().asString().startsWith("test-worker-");
		}
		finally {
			WorkerThreads.shutdown(executor);
		}
	}

	@Test
	void eachStartBuildsANewExecutor() {
		WorkerThreads threads = threads(false, Duration.ZERO);
		AsyncTaskExecutor first = threads.start();
		WorkerThreads.shutdown(first);
		AsyncTaskExecutor second = threads.start();
		try {
			assertThat(second).isNotSameAs(first);
		}
		finally {
			WorkerThreads.shutdown(second);
		}
	}

	@Test
	void shutdownWithoutAwaitTerminationInterruptsRunningTasks() throws Exception {
		AsyncTaskExecutor executor = threads(false, Duration.ZERO).start();
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		executor.execute(() -> {
			started.countDown();
			try {
				Thread.sleep(10_000);
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		WorkerThreads.shutdown(executor);
		await().untilTrue(interrupted);
	}

	@Test
	void shutdownWithAwaitTerminationLetsRunningTasksFinish() throws Exception {
		AsyncTaskExecutor executor = threads(false, Duration.ofSeconds(5)).start();
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean finished = new AtomicBoolean();
		executor.execute(() -> {
			started.countDown();
			try {
				Thread.sleep(200);
				finished.set(true);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		WorkerThreads.shutdown(executor);
		assertThat(finished).isTrue();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsRunEachTaskOnAVirtualThreadWithThePrefix() throws Exception {
		AsyncTaskExecutor executor = threads(true, Duration.ZERO).start();
		try {
			assertThat(executor).isInstanceOf(SimpleAsyncTaskExecutor.class);
			List<Boolean> virtual = new CopyOnWriteArrayList<>();
			CountDownLatch ran = new CountDownLatch(1);
			executor.execute(() -> {
				try {
					virtual.add((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
				ran.countDown();
			});
			assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(virtual).containsExactly(true);
			assertThat(this.decorated).singleElement().asString().startsWith("test-worker-");
		}
		finally {
			WorkerThreads.shutdown(executor);
		}
	}

	private WorkerThreads threads(boolean virtualThreads, Duration awaitTermination) {
		return new WorkerThreads("test-worker-", 3, virtualThreads, awaitTermination,
				new SimpleAsyncTaskExecutorBuilder().taskDecorator(this.decorator),
				new ThreadPoolTaskExecutorBuilder().taskDecorator(this.decorator));
	}

}
