package io.github.webhookstarter.core.internal;

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

	private final PollingLoop loop = new PollingLoop("test-poll-", Duration.ofMillis(20), Duration.ofMillis(320), (scheduled) -> {
		this.polls.add(System.nanoTime());
		return this.workFound.get();
	});

	@AfterEach
	void stop() {
		this.loop.stop(Duration.ofSeconds(1));
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
		this.loop.stop(Duration.ofSeconds(1));
		this.loop.wakeUp();
		int after = this.polls.size();
		Thread.sleep(100);
		assertThat(this.polls).hasSize(after);
	}

	@Test
	void wakeUpAfterADelayPollsWhenItIsDueAndNotBeforeAndSaysSo() {
		List<Boolean> scheduledPolls = new CopyOnWriteArrayList<>();
		PollingLoop slowTimer = new PollingLoop("test-poll-", Duration.ofSeconds(10), Duration.ofSeconds(10),
				(scheduled) -> {
					this.polls.add(System.nanoTime());
					scheduledPolls.add(scheduled);
					return false;
				});
		try {
			slowTimer.start();
			await().until(() -> this.polls.size() == 1);
			long wokenAt = System.nanoTime();
			slowTimer.wakeUpAfter(Duration.ofMillis(300));
			await().atMost(Duration.ofSeconds(2)).until(() -> this.polls.size() == 2);
			assertThat(Duration.ofNanos(this.polls.get(1) - wokenAt)).isBetween(Duration.ofMillis(300),
					Duration.ofMillis(600));
			// the first poll, on start, is a wake-up; the second one comes when work falls due
			assertThat(scheduledPolls).containsExactly(false, true);
		}
		finally {
			slowTimer.stop(Duration.ofSeconds(1));
		}
	}

	@Test
	void manyWakeUpsDueAtNearbyTimesShareFewTimers() {
		this.loop.start();
		// a backlog of retries, due over an hour from now, one every 36 ms
		for (int i = 0; i < 100_000; i++) {
			this.loop.wakeUpAfter(Duration.ofHours(1).plusMillis(36L * i));
		}
		// one timer per step of at most 1/64 of the delay: about 65 s here
		assertThat(this.loop.scheduledWakeUps()).isBetween(2, 200);
		this.loop.stop(Duration.ofSeconds(1));
		assertThat(this.loop.scheduledWakeUps()).isZero();
	}

	private List<Long> gaps() {
		List<Long> gaps = new java.util.ArrayList<>();
		for (int i = 1; i < this.polls.size(); i++) {
			gaps.add(this.polls.get(i) - this.polls.get(i - 1));
		}
		return gaps;
	}

}
