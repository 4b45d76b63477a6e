package io.github.webhookstarter.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundStoreContractTests;
import io.github.webhookstarter.inbound.InboundStoreFullException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link InMemoryInboundStore}.
 *
 * @author Webhook Starter team
 */
class InMemoryInboundStoreTests extends InboundStoreContractTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration LEASE = Duration.ofSeconds(30);

	@Override
	protected InboundStore createStore() {
		return new InMemoryInboundStore();
	}

	@Test
	void fullStoreForgetsTheCallsProcessedLongestAgoWithTheirWebhookIds() {
		InboundStore store = new InMemoryInboundStore(3);
		InboundCall first = call("github", "wh_1", T0);
		InboundCall second = call("github", "wh_2", T0.plusSeconds(1));
		InboundCall inFlight = call("github", "wh_3", T0.plusSeconds(2));
		store.savePending(first);
		store.savePending(second);
		store.savePending(inFlight);
		store.claimDue(T0.plusSeconds(2), 10, LEASE);
		store.markProcessed(second.id(), 1, T0.plusSeconds(3));
		store.markProcessed(first.id(), 1, T0.plusSeconds(4));
		assertThat(store.savePending(call("github", "wh_4", T0.plusSeconds(5)))).isTrue();
		assertThat(store.find(second.id())).isEmpty();
		assertThat(store.findStatus("github", "wh_2")).isNull();
		assertThat(store.find(first.id())).isPresent();
		assertThat(store.findStatus("github", "wh_1")).isNotNull();
		assertThat(store.saveClaimed(call("github", "wh_2", T0.plusSeconds(6)), T0.plusSeconds(6).plus(LEASE))).isTrue();
		assertThat(store.find(first.id())).isEmpty();
		assertThat(store.findStatus("github", "wh_1")).isNull();
		assertThat(store.find(inFlight.id())).isPresent();
	}

	@Test
	void fullStoreOfPendingInFlightAndFailedCallsRefusesNewCalls() {
		InboundStore store = new InMemoryInboundStore(3);
		InboundCall failed = call("github", "wh_1", T0);
		InboundCall replayed = call("github", "wh_2", T0);
		store.savePending(failed);
		store.saveClaimed(replayed, T0.plus(LEASE));
		store.markProcessed(replayed.id(), 1, T0);
		store.claimDue(T0, 10, LEASE);
		store.markFailed(failed.id(), 1, "Listener failed for good", Set.of());
		store.replay(replayed.id(), T0.plusSeconds(1));
		store.savePending(call("github", "wh_3", T0.plusSeconds(2)));
		store.claimDue(T0.plusSeconds(2), 1, LEASE);
		InboundCall refused = call("github", "wh_4", T0.plusSeconds(3));
		assertThatExceptionOfType(InboundStoreFullException.class).isThrownBy(() -> store.savePending(refused))
			.withMessage("The in-memory inbound store is full: its 3 calls are all pending, in flight or failed. "
					+ "Raise 'webhook.inbound.memory.max-calls', or use a JDBC store, which is durable and "
					+ "unbounded.");
		assertThatExceptionOfType(InboundStoreFullException.class)
			.isThrownBy(() -> store.saveClaimed(refused, T0.plusSeconds(3).plus(LEASE)));
		assertThat(store.find(refused.id())).isEmpty();
		assertThat(store.findStatus("github", "wh_4")).isNull();
		assertThat(store.savePending(call("github", "wh_1", T0.plusSeconds(4)))).isFalse();
	}

	@Test
	void claimDueAmongManyCallsTakesTheEarliestDueWhicheverOrderTheyBecameDueIn() {
		InMemoryInboundStore store = new InMemoryInboundStore(5_000);
		// stored newest first, so that the earliest due are the last stored
		for (int i = 2_999; i >= 0; i--) {
			assertThat(store.savePending(call("github", "wh_" + i, T0.plusSeconds(i)))).isTrue();
		}
		InboundCall leased = call("github", "wh_leased", T0);
		assertThat(store.saveClaimed(leased, T0.plusSeconds(1))).isTrue();
		assertThat(store.countUnfinished()).isEqualTo(3_001);
		assertThat(store.claimDue(T0.plusSeconds(10), 3, LEASE)).extracting((stored) -> stored.call().webhookId())
			.containsExactly("wh_0", "wh_1", "wh_leased");
		// a retry due later goes behind the calls due before it (attempt 2: its lease had expired)
		assertThat(store.markRetry(leased.id(), 2, T0.plusSeconds(4).plusMillis(500), "failed", Set.of())).isTrue();
		assertThat(store.claimDue(T0.plusSeconds(10), 4, LEASE)).extracting((stored) -> stored.call().webhookId())
			.containsExactly("wh_2", "wh_3", "wh_4", "wh_leased");
		assertThat(store.claimDue(T0.plusSeconds(5), 10, LEASE)).extracting((stored) -> stored.call().webhookId())
			.containsExactly("wh_5");
		// the claimed calls are due again when their lease expires, among the calls due then
		assertThat(store.claimDue(T0.plusSeconds(10), 100, LEASE)).hasSize(5);
		List<String> claimed = store.claimDue(T0.plusSeconds(41), 5_000, LEASE)
			.stream()
			.map((stored) -> stored.call().webhookId())
			.toList();
		assertThat(claimed).hasSize(43)
			.containsSubsequence("wh_11", "wh_34", "wh_35", "wh_5", "wh_36")
			.containsSubsequence("wh_39", "wh_40", "wh_0", "wh_1", "wh_2", "wh_3", "wh_4", "wh_leased", "wh_6",
					"wh_10", "wh_41");
		assertThat(store.countUnfinished()).isEqualTo(3_001);
	}

	@Test
	void finishedAndDeletedCallsAreNoLongerDue() {
		InMemoryInboundStore store = new InMemoryInboundStore();
		InboundCall processed = call("github", "wh_1", T0);
		InboundCall failed = call("github", "wh_2", T0);
		InboundCall deleted = call("github", "wh_3", T0);
		store.savePending(processed);
		store.savePending(failed);
		store.saveClaimed(deleted, T0.plus(LEASE));
		assertThat(store.claimDue(T0, 10, LEASE)).hasSize(2);
		assertThat(store.markProcessed(processed.id(), 1, T0)).isTrue();
		assertThat(store.markFailed(failed.id(), 1, "failed", Set.of())).isTrue();
		assertThat(store.delete(deleted.id(), 1)).isTrue();
		assertThat(store.countUnfinished()).isZero();
		assertThat(store.claimDue(T0.plus(Duration.ofDays(1)), 10, LEASE)).isEmpty();
		assertThat(store.replay(failed.id(), T0.plusSeconds(1))).isTrue();
		assertThat(store.claimDue(T0.plus(Duration.ofDays(1)), 10, LEASE)).extracting((stored) -> stored.call().id())
			.containsExactly(failed.id());
	}

	@Test
	void maxCallsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryInboundStore(0))
			.withMessage("'maxCalls' must be positive");
	}

}
