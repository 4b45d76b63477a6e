package io.github.webhookstarter.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract of an {@link InboundStore}, for every implementation to pass: it works through the
 * SPI alone, with fixed instants.
 *
 * @author Webhook Starter team
 */
public abstract class InboundStoreContractTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration LEASE = Duration.ofSeconds(30);

	private InboundStore store;

	/**
	 * Create an empty store.
	 * @return the store to test
	 */
	protected abstract InboundStore createStore();

	@BeforeEach
	void createEmptyStore() {
		this.store = createStore();
	}

	@Test
	void savePendingStoresTheCallPendingAndDueAtOnce() {
		InboundCall call = call("github", "wh_1", T0);
		assertThat(this.store.savePending(call)).isTrue();
		StoredInboundCall stored = this.store.find(call.id()).orElseThrow();
		assertThat(stored.status()).isEqualTo(InboundCallStatus.PENDING);
		assertThat(stored.attempts()).isZero();
		assertThat(stored.dueAt()).isEqualTo(T0);
		assertThat(stored.lastError()).isNull();
		InboundCall found = stored.call();
		assertThat(found.id()).isEqualTo(call.id());
		assertThat(found.source()).isEqualTo("github");
		assertThat(found.eventType()).isEqualTo("push");
		assertThat(found.webhookId()).isEqualTo("wh_1");
		assertThat(found.body()).isEqualTo(call.body());
		assertThat(found.remoteAddress()).isEqualTo("203.0.113.7");
		assertThat(found.receivedAt()).isEqualTo(T0);
		assertThat(found.headers().getContentType()).hasToString("application/json");
		assertThat(found.headers().get("x-github-event")).containsExactly("push");
		assertThat(found.headers().get("X-Forwarded-For")).containsExactly("198.51.100.1", "203.0.113.7");
		assertThat(contains("github", "wh_1")).isTrue();
	}

	@Test
	void saveKeepsWhatACallMayLack() {
		InboundCall call = new InboundCall(UUID.randomUUID().toString(), "github", "", null, new HttpHeaders(),
				new byte[0], null, T0);
		assertThat(this.store.savePending(call)).isTrue();
		InboundCall found = this.store.find(call.id()).orElseThrow().call();
		assertThat(found.eventType()).isEmpty();
		assertThat(found.webhookId()).isNull();
		assertThat(found.headers().isEmpty()).isTrue();
		assertThat(found.body()).isEmpty();
		assertThat(found.remoteAddress()).isNull();
	}

	@Test
	void aCallClaimedAtOnceAndProcessedIsNeverClaimedAgain() {
		InboundCall call = call("github", "wh_1", T0);
		assertThat(saveProcessed(call, T0.plusMillis(20))).isTrue();
		StoredInboundCall stored = this.store.find(call.id()).orElseThrow();
		assertThat(stored.status()).isEqualTo(InboundCallStatus.PROCESSED);
		assertThat(stored.attempts()).isEqualTo(1);
		assertThat(stored.dueAt()).isNull();
		assertThat(contains("github", "wh_1")).isTrue();
		assertThat(claim(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
	}

	@Test
	void duplicatesPerSourceAndWebhookIdAreRefusedAndNotStored() {
		assertThat(this.store.savePending(call("github", "wh_1", T0))).isTrue();
		InboundCall pendingDuplicate = call("github", "wh_1", T0.plusSeconds(1));
		InboundCall processedDuplicate = call("github", "wh_1", T0.plusSeconds(2));
		assertThat(this.store.savePending(pendingDuplicate)).isFalse();
		assertThat(saveProcessed(processedDuplicate, T0.plusSeconds(2))).isFalse();
		assertThat(this.store.find(pendingDuplicate.id())).isEmpty();
		assertThat(this.store.find(processedDuplicate.id())).isEmpty();
		assertThat(this.store.savePending(call("stripe", "wh_1", T0))).isTrue();
		assertThat(this.store.savePending(call("github", "WH_1", T0))).isTrue();
		assertThat(contains("github", "wh_1")).isTrue();
		assertThat(contains("github", "wh_2")).isFalse();
		assertThat(contains("gitlab", "wh_1")).isFalse();
		assertThat(claim(T0.plusSeconds(5), 10)).hasSize(3);
	}

	@Test
	void aProcessedCallMakesLaterOnesDuplicates() {
		assertThat(saveProcessed(call("github", "wh_1", T0), T0)).isTrue();
		assertThat(this.store.savePending(call("github", "wh_1", T0.plusSeconds(1)))).isFalse();
		assertThat(claim(T0.plusSeconds(5), 10)).isEmpty();
	}

	@Test
	void callsWithoutWebhookIdAreNeverDuplicates() {
		InboundCall first = call("github", null, T0);
		InboundCall second = call("github", null, T0);
		InboundCall third = call("github", null, T0);
		assertThat(this.store.savePending(first)).isTrue();
		assertThat(this.store.savePending(second)).isTrue();
		assertThat(saveProcessed(third, T0)).isTrue();
		assertThat(this.store.find(first.id())).isPresent();
		assertThat(this.store.find(second.id())).isPresent();
		assertThat(this.store.find(third.id())).isPresent();
		assertThat(claim(T0, 10)).hasSize(2);
	}

	@Test
	void saveClaimedStoresTheCallInFlightUntilItsLeaseEnds() {
		InboundCall call = call("github", "wh_1", T0);
		assertThat(this.store.saveClaimed(call, T0.plusSeconds(60))).isTrue();
		StoredInboundCall stored = this.store.find(call.id()).orElseThrow();
		assertThat(stored.status()).isEqualTo(InboundCallStatus.IN_FLIGHT);
		assertThat(stored.attempts()).isEqualTo(1);
		assertThat(this.store.findStatus("github", "wh_1")).isEqualTo(InboundCallStatus.IN_FLIGHT);
		assertThat(this.store.saveClaimed(call("github", "wh_1", T0), T0.plusSeconds(60))).isFalse();
		assertThat(this.store.savePending(call("github", "wh_1", T0))).isFalse();
		assertThat(claim(T0.plusSeconds(59), 10)).isEmpty();
		assertThat(claim(T0.plusSeconds(60), 10)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.attempts()).isEqualTo(2));
	}

	@Test
	void findStatusFollowsTheCallOfAWebhookId() {
		assertThat(this.store.findStatus("github", "wh_1")).isNull();
		InboundCall call = call("github", "wh_1", T0);
		this.store.savePending(call);
		assertThat(this.store.findStatus("github", "wh_1")).isEqualTo(InboundCallStatus.PENDING);
		assertThat(this.store.findStatus("stripe", "wh_1")).isNull();
		claim(T0, 10);
		this.store.markFailed(call.id(), 1, "Listener failed", Set.of());
		assertThat(this.store.findStatus("github", "wh_1")).isEqualTo(InboundCallStatus.FAILED);
	}

	@Test
	void deleteForgetsTheCallAndItsWebhookId() {
		InboundCall call = call("github", "wh_1", T0);
		this.store.saveClaimed(call, T0.plusSeconds(60));
		this.store.delete(call.id(), 1);
		assertThat(this.store.find(call.id())).isEmpty();
		assertThat(this.store.findStatus("github", "wh_1")).isNull();
		assertThat(claim(T0.plusSeconds(120), 10)).isEmpty();
		assertThat(this.store.saveClaimed(call("github", "wh_1", T0), T0.plusSeconds(60))).isTrue();
		this.store.delete("unknown", 1);
	}

	@Test
	void completedListenersAreKeptUntilTheCallIsProcessed() {
		InboundCall call = save(T0);
		claim(T0, 10);
		this.store.markRetry(call.id(), 1, T0.plusSeconds(5), "b failed", Set.of("listener.a()"));
		assertThat(this.store.find(call.id()).orElseThrow().completedListeners()).containsExactly("listener.a()");
		assertThat(claim(T0.plusSeconds(5), 10)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.completedListeners()).containsExactly("listener.a()"));
		this.store.markFailed(call.id(), 2, "c failed", Set.of("listener.a()", "listener.b(java.lang.String)"));
		assertThat(this.store.find(call.id()).orElseThrow().completedListeners())
			.containsExactlyInAnyOrder("listener.a()", "listener.b(java.lang.String)");
		assertThat(this.store.replay(call.id(), T0.plusSeconds(10))).isTrue();
		assertThat(claim(T0.plusSeconds(10), 10)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.completedListeners())
				.containsExactlyInAnyOrder("listener.a()", "listener.b(java.lang.String)"));
		this.store.markProcessed(call.id(), 1, T0.plusSeconds(11));
		assertThat(this.store.replay(call.id(), T0.plusSeconds(20))).isTrue();
		assertThat(claim(T0.plusSeconds(20), 10)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.completedListeners()).isEmpty());
	}

	@Test
	void outcomesOfAClaimWhoseLeaseWasLostChangeNothing() {
		InboundCall call = save(T0);
		claim(T0, 10);
		assertThat(this.store.renewLease(call.id(), 1, T0.plus(LEASE).plusSeconds(30))).isTrue();
		assertThat(claim(T0.plus(LEASE), 10)).isEmpty();
		assertThat(claim(T0.plus(LEASE).plusSeconds(30), 10)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.attempts()).isEqualTo(2));
		assertThat(this.store.renewLease(call.id(), 1, T0.plus(Duration.ofDays(1)))).isFalse();
		assertThat(this.store.markProcessed(call.id(), 1, T0.plus(LEASE))).isFalse();
		assertThat(this.store.markRetry(call.id(), 1, T0.plus(LEASE), "late", Set.of("listener.a()"))).isFalse();
		assertThat(this.store.markFailed(call.id(), 1, "late", Set.of())).isFalse();
		assertThat(this.store.delete(call.id(), 1)).isFalse();
		StoredInboundCall stillInFlight = this.store.find(call.id()).orElseThrow();
		assertThat(stillInFlight.status()).isEqualTo(InboundCallStatus.IN_FLIGHT);
		assertThat(stillInFlight.lastError()).isNull();
		assertThat(stillInFlight.completedListeners()).isEmpty();
		assertThat(this.store.markProcessed(call.id(), 2, T0.plus(LEASE).plusSeconds(31))).isTrue();
		assertThat(this.store.markProcessed(call.id(), 2, T0.plus(LEASE).plusSeconds(32))).isFalse();
		assertThat(this.store.find(call.id()).orElseThrow().status()).isEqualTo(InboundCallStatus.PROCESSED);
	}

	@Test
	void findReturnsNothingForUnknownIds() {
		this.store.savePending(call("github", "wh_1", T0));
		assertThat(this.store.find("unknown")).isEmpty();
	}

	@Test
	void claimDueClaimsTheOldestDueFirstAndNoMoreThanTheLimit() {
		InboundCall third = save(T0.plusSeconds(2));
		InboundCall first = save(T0);
		InboundCall second = save(T0.plusSeconds(1));
		assertThat(ids(claim(T0.plusSeconds(5), 2))).containsExactly(first.id(), second.id());
		assertThat(ids(claim(T0.plusSeconds(5), 2))).containsExactly(third.id());
		assertThat(claim(T0.plusSeconds(5), 2)).isEmpty();
	}

	@Test
	void claimDueKeepsTheOrderOfCallsReceivedAtTheSameInstant() {
		List<String> saved = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			saved.add(save(T0).id());
		}
		assertThat(ids(claim(T0, 10))).containsExactlyElementsOf(saved);
	}

	@Test
	void claimDueClaimsOnlyCallsDueByNow() {
		InboundCall early = save(T0);
		InboundCall late = save(T0.plusSeconds(10));
		assertThat(claim(T0.minusSeconds(1), 10)).isEmpty();
		assertThat(ids(claim(T0.plusSeconds(9), 10))).containsExactly(early.id());
		assertThat(ids(claim(T0.plusSeconds(10), 10))).containsExactly(late.id());
	}

	@Test
	void claimDueMakesCallsInFlightAndCountsAnAttempt() {
		InboundCall call = save(T0);
		StoredInboundCall claimed = claim(T0.plusSeconds(5), 10).get(0);
		assertThat(claimed.call().id()).isEqualTo(call.id());
		assertThat(claimed.call().body()).isEqualTo(call.body());
		assertThat(claimed.call().headers().get("x-github-event")).containsExactly("push");
		assertThat(claimed.status()).isEqualTo(InboundCallStatus.IN_FLIGHT);
		assertThat(claimed.attempts()).isEqualTo(1);
		assertThat(claimed.dueAt()).isNull();
		StoredInboundCall found = this.store.find(call.id()).orElseThrow();
		assertThat(found.status()).isEqualTo(InboundCallStatus.IN_FLIGHT);
		assertThat(found.attempts()).isEqualTo(1);
		assertThat(found.dueAt()).isNull();
	}

	@Test
	void claimDueClaimsAgainACallWhoseLeaseExpired() {
		InboundCall call = save(T0);
		claim(T0, 10);
		assertThat(claim(T0.plus(LEASE).minusSeconds(1), 10)).isEmpty();
		assertThat(claim(T0.plus(LEASE), 10)).singleElement().satisfies((claimed) -> {
			assertThat(claimed.call().id()).isEqualTo(call.id());
			assertThat(claimed.attempts()).isEqualTo(2);
		});
		assertThat(claim(T0.plus(LEASE), 10)).isEmpty();
	}

	@Test
	void claimsAtTheSameInstantNeverReturnTheSameCall() {
		for (int i = 0; i < 3; i++) {
			save(T0);
		}
		List<String> first = ids(claim(T0, 2));
		List<String> second = ids(claim(T0, 2));
		assertThat(first).hasSize(2);
		assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
	}

	@Test
	void markProcessedFinishesTheCall() {
		InboundCall call = save(T0);
		claim(T0, 10);
		this.store.markProcessed(call.id(), 1, T0.plusSeconds(1));
		StoredInboundCall stored = this.store.find(call.id()).orElseThrow();
		assertThat(stored.status()).isEqualTo(InboundCallStatus.PROCESSED);
		assertThat(stored.attempts()).isEqualTo(1);
		assertThat(stored.dueAt()).isNull();
		assertThat(stored.lastError()).isNull();
		assertThat(claim(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
	}

	@Test
	void markRetryMakesTheCallPendingUntilItIsDueAgain() {
		InboundCall call = save(T0);
		claim(T0, 10);
		this.store.markRetry(call.id(), 1, T0.plusSeconds(5), "Listener failed", Set.of());
		StoredInboundCall retrying = this.store.find(call.id()).orElseThrow();
		assertThat(retrying.status()).isEqualTo(InboundCallStatus.PENDING);
		assertThat(retrying.attempts()).isEqualTo(1);
		assertThat(retrying.dueAt()).isEqualTo(T0.plusSeconds(5));
		assertThat(retrying.lastError()).isEqualTo("Listener failed");
		assertThat(claim(T0.plusSeconds(4), 10)).isEmpty();
		assertThat(claim(T0.plusSeconds(5), 10)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.attempts()).isEqualTo(2));
		this.store.markProcessed(call.id(), 2, T0.plusSeconds(6));
		StoredInboundCall processed = this.store.find(call.id()).orElseThrow();
		assertThat(processed.status()).isEqualTo(InboundCallStatus.PROCESSED);
		assertThat(processed.attempts()).isEqualTo(2);
		assertThat(processed.lastError()).isEqualTo("Listener failed");
	}

	@Test
	void markFailedFinishesTheCallWithItsError() {
		InboundCall call = save(T0);
		claim(T0, 10);
		this.store.markFailed(call.id(), 1, "Listener failed for good", Set.of());
		StoredInboundCall failed = this.store.find(call.id()).orElseThrow();
		assertThat(failed.status()).isEqualTo(InboundCallStatus.FAILED);
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.dueAt()).isNull();
		assertThat(failed.lastError()).isEqualTo("Listener failed for good");
		assertThat(claim(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
	}

	@Test
	void replayMakesAProcessedOrFailedCallPendingWithItsAttemptsReset() {
		InboundCall processed = save(T0);
		InboundCall failed = save(T0);
		claim(T0, 10);
		this.store.markProcessed(processed.id(), 1, T0);
		this.store.markFailed(failed.id(), 1, "Listener failed", Set.of());
		Instant now = T0.plus(Duration.ofDays(2));
		assertThat(this.store.replay(processed.id(), now)).isTrue();
		assertThat(this.store.replay(failed.id(), now)).isTrue();
		for (InboundCall call : List.of(processed, failed)) {
			StoredInboundCall replayed = this.store.find(call.id()).orElseThrow();
			assertThat(replayed.status()).isEqualTo(InboundCallStatus.PENDING);
			assertThat(replayed.attempts()).isZero();
			assertThat(replayed.dueAt()).isEqualTo(now);
		}
		assertThat(claim(now.minusSeconds(1), 10)).isEmpty();
		assertThat(claim(now, 10)).hasSize(2).allSatisfy((claimed) -> assertThat(claimed.attempts()).isEqualTo(1));
	}

	@Test
	void replayOfAProcessedCallSavedSynchronouslyMakesItPending() {
		InboundCall call = call("github", "wh_1", T0);
		saveProcessed(call, T0);
		assertThat(this.store.replay(call.id(), T0.plusSeconds(60))).isTrue();
		assertThat(ids(claim(T0.plusSeconds(60), 10))).containsExactly(call.id());
	}

	@Test
	void replayRefusesCallsThatArePendingInFlightOrUnknown() {
		InboundCall inFlight = save(T0);
		claim(T0, 10);
		InboundCall pending = save(T0);
		assertThat(this.store.replay(inFlight.id(), T0)).isFalse();
		assertThat(this.store.replay(pending.id(), T0)).isFalse();
		assertThat(this.store.replay("unknown", T0)).isFalse();
		assertThat(this.store.find(inFlight.id()).orElseThrow().status()).isEqualTo(InboundCallStatus.IN_FLIGHT);
		assertThat(this.store.find(pending.id()).orElseThrow().status()).isEqualTo(InboundCallStatus.PENDING);
	}

	@Test
	void findCallsListsTheNewestFirstWithoutTheirBodiesAndNoMoreThanTheLimit() {
		InboundCall oldest = save(T0);
		InboundCall middle = call("stripe", "evt_1", T0.plusSeconds(1));
		this.store.savePending(middle);
		InboundCall newest = save(T0.plusSeconds(2));
		assertThat(ids(this.store.findCalls(null, null, 10))).containsExactly(newest.id(), middle.id(), oldest.id());
		assertThat(ids(this.store.findCalls(null, null, 2))).containsExactly(newest.id(), middle.id());
		assertThat(this.store.findCalls(null, null, 0)).isEmpty();
		StoredInboundCall listed = this.store.findCalls(null, "stripe", 10).get(0);
		assertThat(listed.status()).isEqualTo(InboundCallStatus.PENDING);
		assertThat(listed.dueAt()).isEqualTo(middle.receivedAt());
		assertThat(listed.processedAt()).isNull();
		InboundCall call = listed.call();
		assertThat(call.source()).isEqualTo("stripe");
		assertThat(call.webhookId()).isEqualTo("evt_1");
		assertThat(call.eventType()).isEqualTo("push");
		assertThat(call.receivedAt()).isEqualTo(middle.receivedAt());
		assertThat(call.body()).isEmpty();
		assertThat(this.store.find(middle.id()).orElseThrow().call().body()).isEqualTo(middle.body());
	}

	@Test
	void findCallsFiltersByStatusAndSource() {
		InboundCall pending = save(T0);
		InboundCall processed = call("github", "wh_2", T0.plusSeconds(1));
		saveProcessed(processed, T0.plusSeconds(5));
		InboundCall processedElsewhere = call("stripe", "evt_3", T0.plusSeconds(2));
		saveProcessed(processedElsewhere, T0.plusSeconds(6));
		InboundCall failed = call("github", "wh_4", T0.plusSeconds(3));
		this.store.saveClaimed(failed, T0.plusSeconds(60));
		this.store.markFailed(failed.id(), 1, "boom", Set.of());
		assertThat(ids(this.store.findCalls(InboundCallStatus.PROCESSED, null, 10)))
			.containsExactly(processedElsewhere.id(), processed.id());
		assertThat(ids(this.store.findCalls(null, "github", 10))).containsExactly(failed.id(), processed.id(),
				pending.id());
		assertThat(this.store.findCalls(InboundCallStatus.PROCESSED, "github", 10)).singleElement()
			.satisfies((stored) -> {
				assertThat(stored.call().id()).isEqualTo(processed.id());
				assertThat(stored.processedAt()).isEqualTo(T0.plusSeconds(5));
				assertThat(stored.dueAt()).isNull();
			});
		assertThat(this.store.findCalls(InboundCallStatus.FAILED, null, 10)).singleElement().satisfies((stored) -> {
			assertThat(stored.call().id()).isEqualTo(failed.id());
			assertThat(stored.lastError()).isEqualTo("boom");
			assertThat(stored.attempts()).isEqualTo(1);
			assertThat(stored.processedAt()).isNull();
		});
		assertThat(this.store.findCalls(InboundCallStatus.IN_FLIGHT, null, 10)).isEmpty();
		assertThat(this.store.findCalls(InboundCallStatus.PENDING, "stripe", 10)).isEmpty();
		assertThat(this.store.findCalls(null, "unknown", 10)).isEmpty();
		assertThat(this.store.find(processed.id()).orElseThrow().processedAt()).isEqualTo(T0.plusSeconds(5));
	}

	@Test
	void countUnfinishedCountsPendingAndInFlightCalls() {
		assertThat(this.store.countUnfinished()).isZero();
		InboundCall pending = save(T0);
		InboundCall inFlight = call("github", "wh_2", T0);
		this.store.saveClaimed(inFlight, T0.plusSeconds(60));
		assertThat(this.store.countUnfinished()).isEqualTo(2);
		this.store.markProcessed(inFlight.id(), 1, T0.plusSeconds(1));
		assertThat(this.store.countUnfinished()).isEqualTo(1);
		StoredInboundCall claimed = claim(T0, 10).get(0);
		assertThat(this.store.countUnfinished()).isEqualTo(1);
		this.store.markFailed(claimed.call().id(), claimed.attempts(), "boom", Set.of());
		assertThat(this.store.countUnfinished()).isZero();
		this.store.replay(pending.id(), T0.plusSeconds(2));
		this.store.replay(inFlight.id(), T0.plusSeconds(2));
		assertThat(this.store.countUnfinished()).isEqualTo(2);
	}

	@Test
	void purgeDeletesProcessedCallsReceivedBeforeATimeAndForgetsTheirWebhookIds() {
		Instant before = T0.plus(Duration.ofDays(1));
		InboundCall processedSynchronously = call("github", "wh_1", T0);
		saveProcessed(processedSynchronously, T0);
		InboundCall processedByWorker = call("github", "wh_2", T0);
		this.store.savePending(processedByWorker);
		claim(T0, 10);
		this.store.markProcessed(processedByWorker.id(), 1, T0.plusSeconds(1));
		InboundCall recent = call("github", "wh_3", before);
		saveProcessed(recent, before);
		assertThat(this.store.purge(before, 10)).isEqualTo(2);
		assertThat(this.store.find(processedSynchronously.id())).isEmpty();
		assertThat(this.store.find(processedByWorker.id())).isEmpty();
		assertThat(contains("github", "wh_1")).isFalse();
		assertThat(contains("github", "wh_2")).isFalse();
		assertThat(this.store.savePending(call("github", "wh_1", before))).isTrue();
		assertThat(this.store.find(recent.id())).isPresent();
		assertThat(contains("github", "wh_3")).isTrue();
		assertThat(this.store.purge(before, 10)).isZero();
	}

	@Test
	void purgeKeepsPendingInFlightAndFailedCalls() {
		InboundCall inFlight = save(T0);
		claim(T0, 10);
		InboundCall failed = save(T0);
		claim(T0, 10);
		this.store.markFailed(failed.id(), 1, "Listener failed for good", Set.of());
		InboundCall retrying = save(T0);
		claim(T0, 10);
		this.store.markRetry(retrying.id(), 1, T0.plus(Duration.ofDays(2)), "Listener failed", Set.of());
		InboundCall pending = save(T0);
		assertThat(this.store.purge(T0.plus(Duration.ofDays(1)), 10)).isZero();
		assertThat(this.store.find(inFlight.id()).orElseThrow().status()).isEqualTo(InboundCallStatus.IN_FLIGHT);
		assertThat(this.store.find(failed.id()).orElseThrow().status()).isEqualTo(InboundCallStatus.FAILED);
		assertThat(this.store.find(retrying.id()).orElseThrow().status()).isEqualTo(InboundCallStatus.PENDING);
		assertThat(this.store.find(pending.id()).orElseThrow().status()).isEqualTo(InboundCallStatus.PENDING);
		assertThat(contains("github", failed.webhookId())).isTrue();
	}

	@Test
	void purgeDeletesNoMoreThanTheLimit() {
		List<String> saved = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			InboundCall call = call("github", "wh_" + i, T0);
			saveProcessed(call, T0);
			saved.add(call.id());
		}
		Instant before = T0.plusSeconds(1);
		assertThat(this.store.purge(before, 2)).isEqualTo(2);
		assertThat(this.store.purge(before, 2)).isEqualTo(2);
		assertThat(this.store.purge(before, 2)).isEqualTo(1);
		assertThat(this.store.purge(before, 2)).isZero();
		saved.forEach((id) -> assertThat(this.store.find(id)).isEmpty());
	}

	@Test
	void concurrentClaimsNeverClaimACallTwiceAndTogetherClaimAll() throws Exception {
		List<String> saved = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			saved.add(save(T0.plusMillis(i)).id());
		}
		int workers = 4;
		CyclicBarrier start = new CyclicBarrier(workers);
		ExecutorService executor = Executors.newFixedThreadPool(workers);
		try {
			List<Future<List<String>>> claims = new ArrayList<>();
			for (int i = 0; i < workers; i++) {
				claims.add(executor.submit(() -> {
					start.await();
					List<String> claimed = new ArrayList<>();
					List<StoredInboundCall> batch = claim(T0.plusSeconds(5), 7);
					while (!batch.isEmpty() && !Thread.currentThread().isInterrupted()) {
						claimed.addAll(ids(batch));
						batch = claim(T0.plusSeconds(5), 7);
					}
					return claimed;
				}));
			}
			List<String> claimed = new ArrayList<>();
			for (Future<List<String>> claim : claims) {
				claimed.addAll(claim.get(1, TimeUnit.MINUTES));
			}
			assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(saved);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void concurrentSavesStoreEachWebhookIdOnce() throws Exception {
		// stored before: its repeats are duplicates, whatever batch they arrive in
		assertThat(this.store.savePending(call("github", "wh_old", T0))).isTrue();
		int threads = 8;
		int callsPerThread = 40;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<InboundCall>>> saves = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				saves.add(executor.submit(() -> {
					start.await();
					List<InboundCall> saved = new ArrayList<>();
					for (int i = 0; i < callsPerThread; i++) {
						// every thread sends the ids 0..39 of its own source and of the shared one,
						// the stored one, and calls without id
						InboundCall call = switch (i % 4) {
							case 0 -> call("github", "wh_old", T0);
							case 1 -> call("shared", "wh_" + i, T0);
							case 2 -> call("own-" + thread, "wh_" + i, T0);
							default -> call("github", null, T0);
						};
						boolean stored = (i % 2 == 0) ? this.store.savePending(call)
								: this.store.saveClaimed(call, T0.plus(LEASE));
						if (stored) {
							saved.add(call);
						}
					}
					return saved;
				}));
			}
			List<InboundCall> saved = new ArrayList<>();
			for (Future<List<InboundCall>> save : saves) {
				saved.addAll(save.get(1, TimeUnit.MINUTES));
			}
			int perThread = callsPerThread / 4;
			assertThat(saved.stream().filter((call) -> "wh_old".equals(call.webhookId()))).isEmpty();
			assertThat(saved.stream().filter((call) -> call.source().equals("shared")).map(InboundCall::webhookId))
				.doesNotHaveDuplicates()
				.hasSize(perThread);
			assertThat(saved.stream().filter((call) -> call.source().startsWith("own-"))).hasSize(threads * perThread);
			assertThat(saved.stream().filter((call) -> call.webhookId() == null)).hasSize(threads * perThread);
			for (InboundCall call : saved) {
				StoredInboundCall stored = this.store.find(call.id()).orElseThrow();
				assertThat(stored.call().webhookId()).isEqualTo(call.webhookId());
				assertThat(stored.status()).isEqualTo(
						(call.source().equals("shared") || call.webhookId() == null) ? InboundCallStatus.IN_FLIGHT
								: InboundCallStatus.PENDING);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void concurrentMarksFinishOnlyTheClaimsThatHold() throws Exception {
		int calls = 60;
		List<InboundCall> claimed = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			InboundCall call = call("github", "wh_" + i, T0);
			assertThat(this.store.saveClaimed(call, T0.plus(LEASE))).isTrue();
			claimed.add(call);
		}
		int threads = 6;
		CyclicBarrier start = new CyclicBarrier(threads);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<String>>> marks = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				marks.add(executor.submit(() -> {
					start.await();
					List<String> processed = new ArrayList<>();
					for (int i = thread; i < calls; i += threads) {
						String callId = claimed.get(i).id();
						// every third one with the attempt of a claim that no longer holds
						int attempt = (i % 3 == 0) ? 2 : 1;
						if (this.store.markProcessed(callId, attempt, T0.plusSeconds(1))) {
							processed.add(callId);
						}
					}
					return processed;
				}));
			}
			List<String> processed = new ArrayList<>();
			for (Future<List<String>> mark : marks) {
				processed.addAll(mark.get(1, TimeUnit.MINUTES));
			}
			for (int i = 0; i < calls; i++) {
				String callId = claimed.get(i).id();
				StoredInboundCall stored = this.store.find(callId).orElseThrow();
				if (i % 3 == 0) {
					assertThat(processed).doesNotContain(callId);
					assertThat(stored.status()).isEqualTo(InboundCallStatus.IN_FLIGHT);
				}
				else {
					assertThat(processed).contains(callId);
					assertThat(stored.status()).isEqualTo(InboundCallStatus.PROCESSED);
					assertThat(stored.processedAt()).isEqualTo(T0.plusSeconds(1));
				}
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private InboundCall save(Instant receivedAt) {
		InboundCall call = call("github", UUID.randomUUID().toString(), receivedAt);
		assertThat(this.store.savePending(call)).isTrue();
		return call;
	}

	private boolean saveProcessed(InboundCall call, Instant processedAt) {
		if (!this.store.saveClaimed(call, processedAt.plusSeconds(60))) {
			return false;
		}
		this.store.markProcessed(call.id(), 1, processedAt);
		return true;
	}

	private boolean contains(String source, String webhookId) {
		return this.store.findStatus(source, webhookId) != null;
	}

	private List<StoredInboundCall> claim(Instant now, int limit) {
		return this.store.claimDue(now, limit, LEASE);
	}

	/**
	 * Create a call, with a new id, to the {@code push} event.
	 * @param source the source
	 * @param webhookId the webhook id, or {@code null}
	 * @param receivedAt when it was received
	 * @return the call
	 */
	protected static InboundCall call(String source, @Nullable String webhookId, Instant receivedAt) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.CONTENT_TYPE, "application/json");
		headers.add("X-GitHub-Event", "push");
		headers.add("X-Forwarded-For", "198.51.100.1");
		headers.add("X-Forwarded-For", "203.0.113.7");
		byte[] body = "{\"ref\":\"refs/heads/main\",\"city\":\"Zürich\"}".getBytes(StandardCharsets.UTF_8);
		return new InboundCall(UUID.randomUUID().toString(), source, "push", webhookId, headers, body, "203.0.113.7",
				receivedAt);
	}

	private static List<String> ids(List<StoredInboundCall> claimed) {
		return claimed.stream().map((stored) -> stored.call().id()).toList();
	}

}
