package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of an {@link EndpointStateStore}, for every implementation to pass: it works
 * through the SPI alone, with fixed instants.
 *
 * @author Webhook Starter team
 */
public abstract class EndpointStateStoreContractTests {

	protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	protected static final Duration SPACING = Duration.ofMillis(100);

	private EndpointStateStore store;

	/**
	 * Create an empty store.
	 * @return the store to test
	 */
	protected abstract EndpointStateStore createStore();

	@BeforeEach
	void createEmptyStore() {
		this.store = createStore();
	}

	@Test
	void unknownEndpointIsEnabledNotFailingAndMaySendAtOnce() {
		assertThat(this.store.find("a")).isNull();
		assertThat(this.store.findDisabled()).isEmpty();
		assertThat(this.store.enable("a")).isFalse();
		this.store.recordSuccess("a");
		assertThat(this.store.find("a")).isNull();
		assertThat(this.store.reserveSend("a", T0, SPACING)).isNull();
	}

	@Test
	void disableSucceedsOnceAndKeepsTheFirstReasonAndTime() {
		assertThat(this.store.disable("a", "it answered 410 Gone", T0)).isTrue();
		assertThat(this.store.disable("a", "every attempt failed", T0.plusSeconds(1))).isFalse();
		assertThat(this.store.find("a"))
			.isEqualTo(new EndpointState("a", true, "it answered 410 Gone", T0, null, null));
		assertThat(this.store.findDisabled()).containsExactly("a");
	}

	@Test
	void disableKeepsWhatElseIsKnownOfTheEndpoint() {
		this.store.recordFailure("a", T0);
		this.store.reserveSend("a", T0, SPACING);
		assertThat(this.store.disable("a", "every attempt failed", T0.plusSeconds(1))).isTrue();
		assertThat(this.store.find("a")).isEqualTo(
				new EndpointState("a", true, "every attempt failed", T0.plusSeconds(1), T0, T0.plus(SPACING)));
	}

	@Test
	void enableSucceedsOnlyForADisabledEndpointAndForgetsItsFailures() {
		this.store.recordFailure("a", T0);
		this.store.reserveSend("a", T0, SPACING);
		this.store.disable("a", "every attempt failed", T0.plusSeconds(1));
		assertThat(this.store.enable("a")).isTrue();
		assertThat(this.store.enable("a")).isFalse();
		assertThat(this.store.find("a")).isEqualTo(new EndpointState("a", false, null, null, null, T0.plus(SPACING)));
		assertThat(this.store.findDisabled()).isEmpty();
		assertThat(this.store.disable("a", "it answered 410 Gone", T0.plusSeconds(2))).isTrue();
	}

	@Test
	void enableOfAnEnabledEndpointForgetsItsFailures() {
		this.store.recordFailure("a", T0);
		assertThat(this.store.enable("a")).isFalse();
		assertThat(this.store.find("a").failingSince()).isNull();
		assertThat(this.store.recordFailure("a", T0.plusSeconds(5))).isEqualTo(T0.plusSeconds(5));
	}

	@Test
	void findDisabledReturnsOnlyTheDisabledEndpoints() {
		this.store.disable("a", "gone", T0);
		this.store.disable("b", "gone", T0);
		this.store.disable("c", "gone", T0);
		this.store.recordFailure("d", T0);
		this.store.reserveSend("e", T0, SPACING);
		this.store.enable("b");
		assertThat(this.store.findDisabled()).containsExactlyInAnyOrder("a", "c");
	}

	@Test
	void recordFailureKeepsTheFirstFailureUntilASuccess() {
		assertThat(this.store.recordFailure("a", T0)).isEqualTo(T0);
		assertThat(this.store.recordFailure("a", T0.plusSeconds(5))).isEqualTo(T0);
		assertThat(this.store.find("a")).isEqualTo(new EndpointState("a", false, null, null, T0, null));
		this.store.recordSuccess("a");
		assertThat(this.store.find("a").failingSince()).isNull();
		assertThat(this.store.recordFailure("a", T0.plusSeconds(10))).isEqualTo(T0.plusSeconds(10));
	}

	@Test
	void recordSuccessOfManyEndpointsEndsTheFailuresOfThoseAlone() {
		this.store.recordFailure("a", T0);
		this.store.recordFailure("b", T0);
		this.store.recordFailure("c", T0);
		this.store.disable("b", "gone", T0);
		this.store.recordSuccess(List.of("a", "b", "unknown"));
		assertThat(this.store.find("a")).isEqualTo(new EndpointState("a", false, null, null, null, null));
		assertThat(this.store.find("b")).isEqualTo(new EndpointState("b", true, "gone", T0, null, null));
		assertThat(this.store.find("c").failingSince()).isEqualTo(T0);
		assertThat(this.store.find("unknown")).isNull();
		this.store.recordSuccess(List.of());
		assertThat(this.store.find("c").failingSince()).isEqualTo(T0);
	}

	@Test
	void failuresOfOneEndpointLeaveTheOthersAlone() {
		this.store.recordFailure("a", T0);
		this.store.disable("a", "gone", T0);
		this.store.reserveSend("a", T0, SPACING);
		assertThat(this.store.recordFailure("b", T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(1));
		assertThat(this.store.reserveSend("b", T0, SPACING)).isNull();
		assertThat(this.store.find("b")).isEqualTo(new EndpointState("b", false, null, null, T0.plusSeconds(1),
				T0.plus(SPACING)));
	}

	@Test
	void reserveSendGrantsOneSendPerSpacing() {
		assertThat(this.store.reserveSend("a", T0, SPACING)).isNull();
		assertThat(this.store.reserveSend("a", T0, SPACING)).isEqualTo(T0.plus(SPACING));
		assertThat(this.store.reserveSend("a", T0.plus(SPACING).minusMillis(1), SPACING)).isEqualTo(T0.plus(SPACING));
		assertThat(this.store.reserveSend("a", T0.plus(SPACING), SPACING)).isNull();
		assertThat(this.store.find("a").nextSendAt()).isEqualTo(T0.plus(SPACING).plus(SPACING));
		// a send reserved late is followed by a whole spacing
		assertThat(this.store.reserveSend("a", T0.plusSeconds(10), SPACING)).isNull();
		assertThat(this.store.reserveSend("a", T0.plusSeconds(10), SPACING)).isEqualTo(T0.plusSeconds(10).plus(SPACING));
	}

	@Test
	void reserveSendWithAnEarlierClockIsToldToWait() {
		assertThat(this.store.reserveSend("a", T0, SPACING)).isNull();
		assertThat(this.store.reserveSend("a", T0.minusSeconds(1), SPACING)).isEqualTo(T0.plus(SPACING));
	}

	@Test
	void concurrentReservationsNeverGrantTwoSendsWithinOneSpacing() throws Exception {
		assertNoTwoSendsWithinOneSpacing(this.store, this.store);
	}

	/**
	 * Reserve sends to one endpoint from two threads at once, each through its own store,
	 * both at the same instants, and check that no two granted sends are closer than the
	 * spacing, and that sends were granted throughout.
	 * @param first the store of the first thread
	 * @param second the store of the second thread
	 * @throws Exception if a thread fails
	 */
	protected static void assertNoTwoSendsWithinOneSpacing(EndpointStateStore first, EndpointStateStore second)
			throws Exception {
		int calls = 200;
		// each instant is reached twice per spacing, by each thread
		Duration step = SPACING.dividedBy(2);
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<Instant>>> threads = new ArrayList<>();
			for (EndpointStateStore store : List.of(first, second)) {
				threads.add(executor.submit(() -> {
					start.await();
					List<Instant> granted = new ArrayList<>();
					for (int i = 0; i < calls; i++) {
						Instant now = T0.plus(step.multipliedBy(i));
						if (store.reserveSend("limited", now, SPACING) == null) {
							granted.add(now);
						}
					}
					return granted;
				}));
			}
			List<Instant> granted = new ArrayList<>();
			for (Future<List<Instant>> thread : threads) {
				granted.addAll(thread.get(1, TimeUnit.MINUTES));
			}
			granted.sort(null);
			for (int i = 1; i < granted.size(); i++) {
				assertThat(Duration.between(granted.get(i - 1), granted.get(i))).as("spacing of send %d", i)
					.isGreaterThanOrEqualTo(SPACING);
			}
			assertThat(granted.get(granted.size() - 1)).isAfterOrEqualTo(T0.plus(step.multipliedBy(calls - 2)));
		}
		finally {
			executor.shutdownNow();
		}
	}

}
