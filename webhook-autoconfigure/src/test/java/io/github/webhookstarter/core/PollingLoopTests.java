package io.github.webhookstarter.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link PollingLoop}.
 */
class PollingLoopTests {

	private final List<Long> polls = new CopyOnWriteArrayList<>();

	private final AtomicBoolean workFound = new AtomicBoolean();

	private final PollingLoop loop = new PollingLoop("test-poll-", Duration.ofMillis(20), Duration.ofMillis(320), () -> {
		this.polls.add(System.nanoTime());
		return this.workFound.get();
	});

	@AfterEach
	void stop() {
		this.loop.stop();
	}

	@Test
	void idleLoopPollsLessAndLessOften() {
		this.loop.start();
		await().until(() -> this.polls.size() >= 6);
		// 40, 80, 160, 320, 320 ms: a busy machine can only make the waits longer
		List<Long> gaps = gaps();
		assertThat(gaps.get(gaps.size() - 1)).isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
	}

	@Test
	void busyLoopPollsAtTheMinimumInterval() {
		this.workFound.set(true);
		this.loop.start();
		// 30 polls take 0.6 s at the minimum interval, and about 9 s if the loop backed off
		await().atMost(Duration.ofSeconds(3)).until(() -> this.polls.size() >= 30);
	}

	@Test
	void wakeUpPollsAtOnceWhileIdle() {
		this.loop.start();
		await().until(() -> this.polls.size() >= 5);
		int before = this.polls.size();
		long wokenAt = System.nanoTime();
		this.loop.wakeUp();
		await().until(() -> this.polls.size() > before);
		// the idle timer is at 320 ms by now
		assertThat(this.polls.get(before) - wokenAt).isLessThan(Duration.ofMillis(250).toNanos());
	}

	@Test
	void stoppedLoopNoLongerPolls() throws InterruptedException {
		this.loop.start();
		await().until(() -> this.polls.size() >= 2);
		this.loop.stop();
		this.loop.wakeUp();
		int after = this.polls.size();
		Thread.sleep(100);
		assertThat(this.polls).hasSize(after);
	}

	private List<Long> gaps() {
		List<Long> gaps = new java.util.ArrayList<>();
		for (int i = 1; i < this.polls.size(); i++) {
			gaps.add(this.polls.get(i) - this.polls.get(i - 1));
		}
		return gaps;
	}

}
