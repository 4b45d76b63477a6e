package io.github.webhookstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that a back-off is the default schedule of both sides (Standard Webhooks / Svix):
 * after the immediate first attempt, retries 5 s, 5 m, 30 m, 2 h, 5 h, 10 h and 10 h later,
 * each with ±20 % jitter, then none.
 */
public final class DefaultBackOffAssertions {

	static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
			Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
			Duration.ofHours(10));

	private DefaultBackOffAssertions() {
	}

	public static void assertIsTheDefaultSchedule(BackOff backOff) {
		assertThat(backOff).isNotNull();
		List<LongSummaryStatistics> delays = new ArrayList<>();
		DEFAULT_SCHEDULE.forEach((interval) -> delays.add(new LongSummaryStatistics()));
		for (int run = 0; run < 200; run++) {
			BackOffExecution execution = backOff.start();
			for (int retry = 0; retry < DEFAULT_SCHEDULE.size(); retry++) {
				long nominal = DEFAULT_SCHEDULE.get(retry).toMillis();
				long delay = execution.nextBackOff();
				assertThat(delay).as("retry %d of run %d", retry + 1, run).isBetween(nominal * 8 / 10, nominal * 12 / 10);
				delays.get(retry).accept(delay);
			}
			assertThat(execution.nextBackOff()).as("after the last retry").isEqualTo(BackOffExecution.STOP);
		}
		for (int retry = 0; retry < DEFAULT_SCHEDULE.size(); retry++) {
			long nominal = DEFAULT_SCHEDULE.get(retry).toMillis();
			LongSummaryStatistics stats = delays.get(retry);
			// jittered around the interval, both ways, not a fixed value
			assertThat(stats.getMin()).as("shortest retry %d", retry + 1).isLessThan(nominal * 95 / 100);
			assertThat(stats.getMax()).as("longest retry %d", retry + 1).isGreaterThan(nominal * 105 / 100);
		}
	}

}
