package io.github.webhookstarter.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Contract of a {@link DeliveryStore}, for every implementation to pass: it works through the
 * SPI alone, with fixed instants, and assumes nothing of the ids a store creates.
 *
 * @author Webhook Starter team
 */
public abstract class DeliveryStoreContractTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration LEASE = Duration.ofSeconds(30);

	// every endpoint the tests deliver to, but one that only another instance knows
	private static final Set<String> KNOWN_ENDPOINTS = Set.of("a", "b", "c", "d", "ordered");

	private DeliveryStore store;

	/**
	 * Create an empty store.
	 * @return the store to test
	 */
	protected abstract DeliveryStore createStore();

	@BeforeEach
	void createEmptyStore() {
		this.store = createStore();
	}

	@Test
	void saveStoresTheMessageOnceAndOnePendingDeliveryPerEndpoint() {
		WebhookMessage message = message("msg_1", T0);
		List<Delivery> deliveries = this.store.save(message, List.of("a", "b", "c"));
		assertThat(deliveries).extracting(Delivery::endpoint).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(deliveries).extracting(Delivery::id).doesNotHaveDuplicates();
		assertThat(deliveries).allSatisfy((delivery) -> {
			assertThat(delivery.messageId()).isEqualTo("msg_1");
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(delivery.attempts()).isZero();
			assertThat(delivery.dueAt()).isEqualTo(T0);
			assertThat(delivery.createdAt()).isEqualTo(T0);
			assertThat(delivery.lastError()).isNull();
			assertThat(this.store.findDelivery(delivery.id())).contains(delivery);
			assertThat(this.store.findAttempts(delivery.id())).isEmpty();
		});
		assertThat(this.store.findDeliveries("msg_1")).containsExactlyInAnyOrderElementsOf(deliveries);
		assertThat(this.store.countUnfinished()).isEqualTo(3);
		WebhookMessage found = this.store.findMessage("msg_1").orElseThrow();
		assertThat(found.id()).isEqualTo("msg_1");
		assertThat(found.type()).isEqualTo(message.type());
		assertThat(found.timestamp()).isEqualTo(T0);
		assertThat(found.body()).isEqualTo(message.body());
		assertThat(claim(T0, 10)).hasSize(3).allSatisfy((claimed) -> {
			assertThat(claimed.message().id()).isEqualTo("msg_1");
			assertThat(claimed.message().body()).isEqualTo(message.body());
		});
	}

	@Test
	void findReturnsNothingForUnknownIds() {
		this.store.save(message("msg_1", T0), List.of("a"));
		assertThat(this.store.findDelivery("unknown")).isEmpty();
		assertThat(this.store.findDeliveries("unknown")).isEmpty();
		assertThat(this.store.findMessage("unknown")).isEmpty();
		assertThat(this.store.findAttempts("unknown")).isEmpty();
	}

	@Test
	void findDeliveriesReturnsTheDeliveriesOfOneMessage() {
		List<Delivery> first = this.store.save(message("msg_1", T0), List.of("a", "b"));
		List<Delivery> second = this.store.save(message("msg_2", T0), List.of("a"));
		claim(T0, 10);
		assertThat(this.store.findDeliveries("msg_1")).extracting(Delivery::id)
			.containsExactlyInAnyOrderElementsOf(savedIds(first));
		assertThat(this.store.findDeliveries("msg_2")).singleElement().satisfies((delivery) -> {
			assertThat(delivery.id()).isEqualTo(second.get(0).id());
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
		});
	}

	@Test
	void claimDueClaimsNoMoreThanTheLimit() {
		for (int i = 0; i < 5; i++) {
			save("msg_" + i, T0, "a");
		}
		assertThat(claim(T0, 2)).hasSize(2);
		assertThat(claim(T0, 10)).hasSize(3);
		assertThat(claim(T0, 10)).isEmpty();
	}

	@Test
	void claimDueClaimsOnlyDeliveriesDueByNow() {
		Delivery early = save("msg_1", T0, "a");
		Delivery late = save("msg_2", T0.plusSeconds(10), "a");
		assertThat(claim(T0.minusSeconds(1), 10)).isEmpty();
		assertThat(ids(claim(T0.plusSeconds(9), 10))).containsExactly(early.id());
		assertThat(ids(claim(T0.plusSeconds(10), 10))).containsExactly(late.id());
	}

	@Test
	void claimDueClaimsTheOldestDueFirst() {
		Delivery third = save("msg_1", T0.plusSeconds(2), "a");
		Delivery first = save("msg_2", T0, "b");
		Delivery second = save("msg_3", T0.plusSeconds(1), "a");
		assertThat(ids(claim(T0.plusSeconds(5), 2))).containsExactly(first.id(), second.id());
		assertThat(ids(claim(T0.plusSeconds(5), 2))).containsExactly(third.id());
	}

	@Test
	void claimDueMakesDeliveriesInFlightUntilTheLeaseEndsAndCountsAnAttempt() {
		Delivery saved = save("msg_1", T0, "a");
		Instant now = T0.plusSeconds(5);
		ClaimedDelivery claimed = claim(now, 10).get(0);
		Delivery delivery = claimed.delivery();
		assertThat(delivery.id()).isEqualTo(saved.id());
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
		assertThat(delivery.attempts()).isEqualTo(1);
		assertThat(delivery.dueAt()).isEqualTo(now.plus(LEASE));
		assertThat(delivery.createdAt()).isEqualTo(T0);
		assertThat(claimed.message().id()).isEqualTo("msg_1");
		assertThat(this.store.findDelivery(saved.id())).contains(delivery);
		assertThat(this.store.countUnfinished()).isEqualTo(1);
	}

	@Test
	void claimDueClaimsOnlyForTheClaimableEndpoints() {
		Delivery toA = save("msg_1", T0, "a");
		Delivery toB = save("msg_2", T0.plusSeconds(1), "b");
		Delivery toOrdered = save("msg_3", T0, "ordered");
		assertThat(ids(this.store.claimDue(T0.plusSeconds(5), 10, LEASE, Set.of("ordered"), Set.of("b", "c"))))
			.containsExactly(toB.id());
		assertThat(ids(claim(T0.plusSeconds(5), 10))).containsExactlyInAnyOrder(toA.id(), toOrdered.id());
	}

	// as many as there may be dynamic subscriptions: more than a statement takes parameters for
	@Test
	void claimDueAmongOneHundredThousandClaimableEndpointsClaimsFromEachOfThem() {
		Set<String> claimable = new java.util.HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			claimable.add("sub_" + i);
		}
		Delivery first = save("msg_1", T0, "sub_17");
		Delivery second = save("msg_2", T0, "sub_99999");
		Delivery ordered = save("msg_3", T0, "sub_50000");
		Delivery behindOrdered = save("msg_4", T0, "sub_50000");
		save("msg_5", T0, "not-claimable");
		assertThat(ids(this.store.claimDue(T0, 10, LEASE, Set.of("sub_50000"), claimable)))
			.containsExactlyInAnyOrder(first.id(), second.id(), ordered.id());
		assertThat(behindOrdered.status()).isEqualTo(DeliveryStatus.PENDING);
	}

	@Test
	void claimDueWithoutClaimableEndpointsClaimsNothing() {
		save("msg_1", T0, "a");
		assertThat(this.store.claimDue(T0, 10, LEASE, Set.of(), Set.of())).isEmpty();
		assertThat(claim(T0, 10)).hasSize(1);
	}

	@Test
	void deliveryToAnEndpointUnknownToTheClaimerStaysPendingAndUnclaimed() {
		// saved by an instance that knows an endpoint this one does not, as during a rolling deployment
		String toNew = idTo("new", this.store.save(message("msg_1", T0), List.of("a", "new")));
		assertThat(claim(T0, 10)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.delivery().endpoint()).isEqualTo("a"));
		assertThat(claim(T0.plusSeconds(5), 10)).isEmpty();
		assertThat(this.store.findDelivery(toNew).orElseThrow()).satisfies((delivery) -> {
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(delivery.attempts()).isZero();
			assertThat(delivery.dueAt()).isEqualTo(T0);
		});
		assertThat(this.store.findAttempts(toNew)).isEmpty();
		assertThat(ids(this.store.claimDue(T0.plusSeconds(5), 10, LEASE, Set.of(), Set.of("a", "new"))))
			.containsExactly(toNew);
	}

	@Test
	void claimDueClaimsAgainAnInFlightDeliveryWhoseLeaseExpired() {
		Delivery saved = save("msg_1", T0, "a");
		claim(T0, 10);
		assertThat(claim(T0.plus(LEASE).minusSeconds(1), 10)).isEmpty();
		Instant expiry = T0.plus(LEASE);
		assertThat(claim(expiry, 10)).singleElement().satisfies((claimed) -> {
			assertThat(claimed.delivery().id()).isEqualTo(saved.id());
			assertThat(claimed.delivery().attempts()).isEqualTo(2);
			assertThat(claimed.delivery().dueAt()).isEqualTo(expiry.plus(LEASE));
		});
	}

	@Test
	void claimsAtTheSameInstantNeverReturnTheSameDelivery() {
		this.store.save(message("msg_1", T0), List.of("a", "b", "c"));
		List<String> first = ids(claim(T0, 2));
		List<String> second = ids(claim(T0, 2));
		assertThat(first).hasSize(2);
		assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);
	}

	@Test
	void orderedEndpointDeliveriesAreClaimedOneAtATimeInPublishOrder() {
		List<String> published = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			// published at the same instant: only the order of saving tells them apart
			published.add(save("msg_" + i, T0, "ordered").id());
		}
		List<String> claimed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			List<ClaimedDelivery> batch = claimOrdered(T0.plusSeconds(i));
			assertThat(batch).hasSize(1);
			assertThat(claimOrdered(T0.plusSeconds(i))).isEmpty();
			claimed.add(batch.get(0).delivery().id());
			record(batch.get(0), T0.plusSeconds(i), 200, null, DeliveryStatus.DELIVERED, null);
		}
		assertThat(claimed).containsExactlyElementsOf(published);
		assertThat(claimOrdered(T0.plusSeconds(10))).isEmpty();
	}

	@Test
	void orderedEndpointHeadRetryingLaterBlocksTheRest() {
		Delivery head = save("msg_1", T0, "ordered");
		Delivery next = save("msg_2", T0.plusSeconds(1), "ordered");
		ClaimedDelivery claimed = claimOrdered(T0.plusSeconds(1)).get(0);
		assertThat(claimed.delivery().id()).isEqualTo(head.id());
		record(claimed, T0.plusSeconds(1), 503, null, DeliveryStatus.PENDING, T0.plusSeconds(300));
		assertThat(claimOrdered(T0.plusSeconds(299))).isEmpty();
		ClaimedDelivery retried = claimOrdered(T0.plusSeconds(300)).get(0);
		assertThat(retried.delivery().id()).isEqualTo(head.id());
		assertThat(claimOrdered(T0.plusSeconds(300))).isEmpty();
		record(retried, T0.plusSeconds(300), 200, null, DeliveryStatus.DELIVERED, null);
		assertThat(ids(claimOrdered(T0.plusSeconds(300)))).containsExactly(next.id());
	}

	@Test
	void orderedEndpointHeadIsClaimedAgainBeforeTheRestWhenItsLeaseExpiresOrItIsReleased() {
		Delivery head = save("msg_1", T0, "ordered");
		save("msg_2", T0, "ordered");
		claimOrdered(T0);
		assertThat(ids(claimOrdered(T0.plus(LEASE)))).containsExactly(head.id());
		this.store.release(List.of(head.id()));
		assertThat(ids(claimOrdered(T0.plus(LEASE)))).containsExactly(head.id());
	}

	@Test
	void orderedEndpointFailedHeadNoLongerBlocks() {
		Delivery head = save("msg_1", T0, "ordered");
		Delivery next = save("msg_2", T0, "ordered");
		record(claimOrdered(T0).get(0), T0, null, "Connection refused", DeliveryStatus.FAILED, null);
		assertThat(ids(claimOrdered(T0))).containsExactly(next.id());
		assertThat(this.store.findDelivery(head.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
	}

	@Test
	void orderedEndpointRetriedDeliveryBlocksTheRestAgain() {
		Delivery head = save("msg_1", T0, "ordered");
		Delivery next = save("msg_2", T0, "ordered");
		Delivery last = save("msg_3", T0, "ordered");
		record(claimOrdered(T0).get(0), T0, 500, null, DeliveryStatus.FAILED, null);
		record(claimOrdered(T0).get(0), T0, 200, null, DeliveryStatus.DELIVERED, null);
		assertThat(this.store.retry(head.id(), T0.plusSeconds(60))).isTrue();
		assertThat(ids(claimOrdered(T0.plusSeconds(60)))).containsExactly(head.id());
		assertThat(claimOrdered(T0.plusSeconds(60))).isEmpty();
		assertThat(this.store.findDelivery(next.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(this.store.findDelivery(last.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
	}

	@Test
	void orderedEndpointDoesNotHoldUpOtherEndpoints() {
		List<Delivery> first = this.store.save(message("msg_1", T0), List.of("ordered", "a"));
		List<Delivery> second = this.store.save(message("msg_2", T0.plusSeconds(1)), List.of("ordered", "a"));
		assertThat(ids(claimOrdered(T0.plusSeconds(5)))).containsExactlyInAnyOrder(idTo("ordered", first),
				idTo("a", first), idTo("a", second));
	}

	@Test
	void recordAttemptOfAClaimWhoseLeaseWasLostChangesNothingButKeepsTheAttempt() {
		Delivery saved = save("msg_1", T0, "a");
		ClaimedDelivery late = claim(T0, 10).get(0);
		ClaimedDelivery current = claim(T0.plus(LEASE), 10).get(0);
		assertThat(current.delivery().attempts()).isEqualTo(2);
		DeliveryAttempt lateAttempt = new DeliveryAttempt(saved.id(), 1, T0, Duration.ofMillis(120), 204, null, null);
		assertThat(this.store.recordAttempt(lateAttempt, DeliveryStatus.DELIVERED, null)).isFalse();
		Delivery stillInFlight = this.store.findDelivery(saved.id()).orElseThrow();
		assertThat(stillInFlight.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
		assertThat(stillInFlight.attempts()).isEqualTo(2);
		assertThat(this.store.findAttempts(saved.id())).singleElement().satisfies((attempt) -> {
			assertThat(attempt.number()).isEqualTo(1);
			assertThat(attempt.statusCode()).isEqualTo(204);
			assertThat(attempt.error()).contains("lease lost");
		});
		assertThat(late.delivery().attempts()).isEqualTo(1);
		DeliveryAttempt currentAttempt = new DeliveryAttempt(saved.id(), 2, T0.plus(LEASE), Duration.ofMillis(80), 500,
				null, null);
		assertThat(this.store.recordAttempt(currentAttempt, DeliveryStatus.PENDING, T0.plus(LEASE).plusSeconds(5)))
			.isTrue();
		assertThat(this.store.findDelivery(saved.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(this.store.recordAttempt(currentAttempt, DeliveryStatus.DELIVERED, null)).isFalse();
		assertThat(this.store.findDelivery(saved.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
	}

	@Test
	void claimByKeyClaimsOnlyThosePendingAndDue() {
		Delivery fresh = save("msg_1", T0, "a");
		Delivery inFlight = save("msg_2", T0, "b");
		Delivery retried = save("msg_3", T0, "c");
		assertThat(ids(this.store.claimDue(T0, 10, LEASE, Set.of(), Set.of("b", "c"))))
			.containsExactlyInAnyOrder(inFlight.id(), retried.id());
		record(this.store.findDelivery(retried.id()).map((delivery) -> new ClaimedDelivery(delivery, null)).orElseThrow(),
				T0, 503, null, DeliveryStatus.PENDING, T0.plusSeconds(60));
		List<Delivery> claimed = this.store.claim(List.of(fresh.id(), inFlight.id(), retried.id(), "unknown"),
				T0.plusSeconds(1), LEASE);
		assertThat(claimed).singleElement().satisfies((delivery) -> {
			assertThat(delivery.id()).isEqualTo(fresh.id());
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
			assertThat(delivery.attempts()).isEqualTo(1);
			assertThat(delivery.dueAt()).isEqualTo(T0.plusSeconds(1).plus(LEASE));
		});
		assertThat(this.store.findDelivery(fresh.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
		// claimed once only, by key or when due
		assertThat(this.store.claim(List.of(fresh.id()), T0.plusSeconds(2), LEASE)).isEmpty();
		assertThat(ids(claim(T0.plusSeconds(2), 10))).doesNotContain(fresh.id());
		DeliveryAttempt attempt = new DeliveryAttempt(fresh.id(), 1, T0.plusSeconds(1), Duration.ofMillis(50), 204, null,
				null);
		assertThat(this.store.recordAttempt(attempt, DeliveryStatus.DELIVERED, null)).isTrue();
		assertThat(this.store.claim(List.of(retried.id()), T0.plusSeconds(60), LEASE)).extracting(Delivery::id)
			.containsExactly(retried.id());
		assertThat(this.store.claim(List.of(), T0, LEASE)).isEmpty();
	}

	@Test
	void recordAttemptsRecordsEachAttemptOfABatchUnderItsOwnClaim() {
		Delivery lateOne = save("msg_1", T0, "a");
		ClaimedDelivery late = claim(T0, 10).get(0);
		Delivery delivered = save("msg_2", T0.plusSeconds(1), "b");
		Delivery retried = save("msg_3", T0.plusSeconds(2), "c");
		assertThat(ids(claim(T0.plus(LEASE), 10))).containsExactlyInAnyOrder(lateOne.id(), delivered.id(), retried.id());
		Instant retryAt = T0.plus(LEASE).plusSeconds(5);
		DeliveryAttempt lateAttempt = new DeliveryAttempt(lateOne.id(), late.delivery().attempts(), T0,
				Duration.ofMillis(120), 204, null, null);
		DeliveryAttempt deliveredAttempt = new DeliveryAttempt(delivered.id(), 1, T0.plus(LEASE), Duration.ofMillis(80),
				204, "ok", null);
		DeliveryAttempt retriedAttempt = new DeliveryAttempt(retried.id(), 1, T0.plus(LEASE), Duration.ofMillis(90), 503,
				null, null);
		DeliveryAttempt unknownAttempt = new DeliveryAttempt("unknown", 1, T0.plus(LEASE), Duration.ofMillis(10), 204,
				null, null);
		Set<String> recorded = this.store.recordAttempts(List.of(
				new AttemptRecord(lateAttempt, DeliveryStatus.DELIVERED, null),
				new AttemptRecord(deliveredAttempt, DeliveryStatus.DELIVERED, null),
				new AttemptRecord(retriedAttempt, DeliveryStatus.PENDING, retryAt),
				new AttemptRecord(unknownAttempt, DeliveryStatus.DELIVERED, null)));
		assertThat(recorded).containsExactlyInAnyOrder(delivered.id(), retried.id());
		Delivery stillInFlight = this.store.findDelivery(lateOne.id()).orElseThrow();
		assertThat(stillInFlight.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
		assertThat(stillInFlight.attempts()).isEqualTo(2);
		assertThat(this.store.findAttempts(lateOne.id())).singleElement()
			.satisfies((attempt) -> assertThat(attempt.error()).contains("lease lost"));
		assertThat(this.store.findDelivery(delivered.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(this.store.findAttempts(delivered.id())).containsExactly(deliveredAttempt);
		Delivery pending = this.store.findDelivery(retried.id()).orElseThrow();
		assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(pending.dueAt()).isEqualTo(retryAt);
		assertThat(pending.lastError()).isEqualTo("HTTP 503");
		assertThat(this.store.findAttempts(retried.id())).containsExactly(retriedAttempt);
		assertThat(this.store.findDelivery("unknown")).isEmpty();
		assertThat(this.store.recordAttempts(List.of())).isEmpty();
	}

	@Test
	void recordAttemptDeliveredFinishesTheDelivery() {
		Delivery saved = save("msg_1", T0, "a");
		ClaimedDelivery claimed = claim(T0, 10).get(0);
		DeliveryAttempt attempt = record(claimed, T0, 204, null, DeliveryStatus.DELIVERED, null);
		Delivery delivery = this.store.findDelivery(saved.id()).orElseThrow();
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(delivery.attempts()).isEqualTo(1);
		assertThat(delivery.dueAt()).isNull();
		assertThat(delivery.lastError()).isNull();
		assertThat(this.store.findAttempts(saved.id())).containsExactly(attempt);
		assertThat(this.store.countUnfinished()).isZero();
		assertThat(claim(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
	}

	@Test
	void recordAttemptPendingSchedulesTheNextAttemptAndAttemptsAreListedInOrder() {
		Delivery saved = save("msg_1", T0, "a");
		DeliveryAttempt first = record(claim(T0, 10).get(0), T0, 503, null, DeliveryStatus.PENDING,
				T0.plusSeconds(5));
		Delivery retrying = this.store.findDelivery(saved.id()).orElseThrow();
		assertThat(retrying.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(retrying.attempts()).isEqualTo(1);
		assertThat(retrying.dueAt()).isEqualTo(T0.plusSeconds(5));
		assertThat(retrying.lastError()).isEqualTo("HTTP 503");
		assertThat(this.store.countUnfinished()).isEqualTo(1);
		assertThat(claim(T0.plusSeconds(4), 10)).isEmpty();
		ClaimedDelivery again = claim(T0.plusSeconds(5), 10).get(0);
		assertThat(again.delivery().attempts()).isEqualTo(2);
		DeliveryAttempt second = record(again, T0.plusSeconds(5), null, "Read timed out", DeliveryStatus.PENDING,
				T0.plusSeconds(305));
		assertThat(this.store.findDelivery(saved.id()).orElseThrow().lastError()).isEqualTo("Read timed out");
		DeliveryAttempt third = record(claim(T0.plusSeconds(305), 10).get(0), T0.plusSeconds(305), 200, null,
				DeliveryStatus.DELIVERED, null);
		assertThat(this.store.findAttempts(saved.id())).containsExactly(first, second, third);
		assertThat(this.store.findDelivery(saved.id()).orElseThrow().attempts()).isEqualTo(3);
	}

	@Test
	void recordAttemptFailedKeepsTheErrorOfTheLastAttempt() {
		Delivery saved = save("msg_1", T0, "a");
		DeliveryAttempt attempt = record(claim(T0, 10).get(0), T0, null, "Connection refused",
				DeliveryStatus.FAILED, null);
		Delivery failed = this.store.findDelivery(saved.id()).orElseThrow();
		assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(failed.dueAt()).isNull();
		assertThat(failed.lastError()).isEqualTo("Connection refused");
		assertThat(this.store.findAttempts(saved.id())).containsExactly(attempt);
		assertThat(this.store.countUnfinished()).isZero();
		assertThat(claim(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
	}

	@Test
	void recordAttemptFailedWithAResponseKeepsItsStatus() {
		Delivery saved = save("msg_1", T0, "a");
		record(claim(T0, 10).get(0), T0, 410, null, DeliveryStatus.FAILED, null);
		assertThat(this.store.findDelivery(saved.id()).orElseThrow().lastError()).isEqualTo("HTTP 410");
	}

	@Test
	void recordAttemptOfUnknownDeliveryIsIgnored() {
		Delivery saved = save("msg_1", T0, "a");
		this.store.recordAttempt(new DeliveryAttempt("unknown", 1, T0, Duration.ofMillis(120), 200, null, null),
				DeliveryStatus.DELIVERED, null);
		assertThat(this.store.findAttempts("unknown")).isEmpty();
		assertThat(this.store.findDelivery(saved.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(this.store.countUnfinished()).isEqualTo(1);
	}

	@Test
	void releaseMakesClaimedDeliveriesPendingWithoutCountingTheirAttempt() {
		List<Delivery> saved = this.store.save(message("msg_1", T0), List.of("a", "b"));
		List<ClaimedDelivery> claimed = claim(T0.plusSeconds(1), 10);
		this.store.release(ids(claimed));
		assertThat(this.store.findDeliveries("msg_1")).hasSize(2).allSatisfy((delivery) -> {
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(delivery.attempts()).isZero();
		});
		assertThat(this.store.findAttempts(saved.get(0).id())).isEmpty();
		assertThat(this.store.countUnfinished()).isEqualTo(2);
		assertThat(claim(T0.plusSeconds(1), 10)).hasSize(2)
			.allSatisfy((again) -> assertThat(again.delivery().attempts()).isEqualTo(1));
	}

	@Test
	void releaseKeepsTheDueTimeAndPlaceInTheClaimOrder() {
		Delivery first = save("msg_1", T0, "a");
		Delivery second = save("msg_2", T0.plusSeconds(1), "a");
		List<ClaimedDelivery> claimed = claim(T0.plusSeconds(30), 1);
		assertThat(ids(claimed)).containsExactly(first.id());
		this.store.release(ids(claimed));
		assertThat(this.store.findDelivery(first.id()).orElseThrow().dueAt()).isEqualTo(T0);
		assertThat(ids(claim(T0.plusSeconds(30), 2))).containsExactly(first.id(), second.id());
	}

	@Test
	void releaseIgnoresDeliveriesThatAreNotInFlight() {
		Delivery retrying = save("msg_1", T0, "a");
		record(claim(T0, 10).get(0), T0, 500, null, DeliveryStatus.PENDING, T0.plusSeconds(60));
		Delivery delivered = save("msg_2", T0, "a");
		record(claim(T0, 10).get(0), T0, 200, null, DeliveryStatus.DELIVERED, null);
		this.store.release(List.of(retrying.id(), delivered.id(), "unknown"));
		Delivery stillRetrying = this.store.findDelivery(retrying.id()).orElseThrow();
		assertThat(stillRetrying.attempts()).isEqualTo(1);
		assertThat(stillRetrying.dueAt()).isEqualTo(T0.plusSeconds(60));
		Delivery stillDelivered = this.store.findDelivery(delivered.id()).orElseThrow();
		assertThat(stillDelivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(stillDelivered.attempts()).isEqualTo(1);
		assertThat(this.store.countUnfinished()).isEqualTo(1);
	}

	@Test
	void retryMakesAFailedDeliveryPendingAndDueAtOnce() {
		Delivery saved = save("msg_1", T0, "a");
		record(claim(T0, 10).get(0), T0, 500, null, DeliveryStatus.FAILED, null);
		Instant now = T0.plus(Duration.ofDays(2));
		assertThat(this.store.retry(saved.id(), now)).isTrue();
		Delivery pending = this.store.findDelivery(saved.id()).orElseThrow();
		assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(pending.dueAt()).isEqualTo(now);
		assertThat(pending.attempts()).isEqualTo(1);
		assertThat(this.store.countUnfinished()).isEqualTo(1);
		assertThat(claim(now.minusSeconds(1), 10)).isEmpty();
		assertThat(claim(now, 10)).singleElement()
			.satisfies((claimed) -> assertThat(claimed.delivery().attempts()).isEqualTo(2));
	}

	@Test
	void retryRefusesDeliveriesThatAreNotFailedOrCancelled() {
		Delivery delivered = save("msg_1", T0, "a");
		record(claim(T0, 10).get(0), T0, 200, null, DeliveryStatus.DELIVERED, null);
		Delivery inFlight = save("msg_2", T0, "a");
		claim(T0, 10);
		Delivery pending = save("msg_3", T0, "a");
		assertThat(this.store.retry(delivered.id(), T0)).isFalse();
		assertThat(this.store.retry(inFlight.id(), T0)).isFalse();
		assertThat(this.store.retry(pending.id(), T0)).isFalse();
		assertThat(this.store.retry("unknown", T0)).isFalse();
		assertThat(this.store.findDelivery(delivered.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(this.store.findDelivery(inFlight.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
		assertThat(this.store.countUnfinished()).isEqualTo(2);
	}

	@Test
	void recoverMakesTheFailedDeliveriesToAnEndpointCreatedSinceATimePending() {
		Instant since = T0.plus(Duration.ofHours(1));
		Delivery before = fail(save("msg_1", since.minusSeconds(1), "a"));
		Delivery atSince = fail(save("msg_2", since, "a"));
		Delivery after = fail(save("msg_3", since.plus(Duration.ofHours(1)), "a"));
		Delivery otherEndpoint = fail(save("msg_4", since, "b"));
		Delivery delivered = save("msg_5", since, "a");
		record(claim(since, 10).get(0), since, 200, null, DeliveryStatus.DELIVERED, null);
		Instant now = T0.plus(Duration.ofDays(1));
		assertThat(this.store.recover("a", since, now)).isEqualTo(2);
		for (Delivery recovered : List.of(atSince, after)) {
			Delivery delivery = this.store.findDelivery(recovered.id()).orElseThrow();
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(delivery.dueAt()).isEqualTo(now);
			assertThat(delivery.attempts()).isEqualTo(1);
		}
		for (Delivery untouched : List.of(before, otherEndpoint)) {
			assertThat(this.store.findDelivery(untouched.id()).orElseThrow().status())
				.isEqualTo(DeliveryStatus.FAILED);
		}
		assertThat(this.store.findDelivery(delivered.id()).orElseThrow().status())
			.isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(this.store.countUnfinished()).isEqualTo(2);
		assertThat(this.store.recover("a", since, now)).isZero();
		assertThat(ids(claim(now, 10))).containsExactlyInAnyOrder(atSince.id(), after.id());
	}

	@Test
	void countUnfinishedCountsPendingAndInFlightDeliveries() {
		assertThat(this.store.countUnfinished()).isZero();
		this.store.save(message("msg_1", T0), List.of("a", "b", "c", "d"));
		assertThat(this.store.countUnfinished()).isEqualTo(4);
		List<ClaimedDelivery> claimed = claim(T0, 3);
		assertThat(this.store.countUnfinished()).isEqualTo(4);
		record(claimed.get(0), T0, 200, null, DeliveryStatus.DELIVERED, null);
		record(claimed.get(1), T0, 500, null, DeliveryStatus.FAILED, null);
		record(claimed.get(2), T0, 500, null, DeliveryStatus.PENDING, T0.plusSeconds(5));
		assertThat(this.store.countUnfinished()).isEqualTo(2);
		this.store.retry(claimed.get(1).delivery().id(), T0);
		assertThat(this.store.countUnfinished()).isEqualTo(3);
	}

	@Test
	void findDeliveriesListsTheNewestFirstAndNoMoreThanTheLimit() {
		Delivery oldest = save("msg_1", T0, "a");
		List<Delivery> fannedOut = this.store.save(message("msg_2", T0.plusSeconds(1)), List.of("a", "b", "c"));
		Delivery newest = save("msg_3", T0.plusSeconds(2), "b");
		List<Delivery> all = this.store.findDeliveries(null, null, 10);
		assertThat(all).hasSize(5);
		assertThat(all.get(0)).isEqualTo(newest);
		assertThat(all.get(4)).isEqualTo(oldest);
		// deliveries created at the same time, by id descending
		assertThat(all.subList(1, 4)).extracting(Delivery::id)
			.containsExactlyElementsOf(savedIds(fannedOut).stream().sorted(Comparator.reverseOrder()).toList());
		assertThat(this.store.findDeliveries(null, null, 2)).containsExactlyElementsOf(all.subList(0, 2));
		assertThat(this.store.findDeliveries(null, null, 0)).isEmpty();
	}

	@Test
	void findDeliveriesFiltersByStatusAndEndpoint() {
		Delivery failedToA = finish(save("msg_1", T0, "a"), T0, DeliveryStatus.FAILED, null);
		Delivery failedToB = finish(save("msg_2", T0.plusSeconds(1), "b"), T0.plusSeconds(1), DeliveryStatus.FAILED,
				null);
		Delivery pendingToA = save("msg_3", T0.plusSeconds(2), "a");
		Delivery deliveredToA = finish(save("msg_4", T0.plusSeconds(3), "a"), T0.plusSeconds(3),
				DeliveryStatus.DELIVERED, null);
		Delivery laterFailedToA = finish(save("msg_5", T0.plusSeconds(4), "a"), T0.plusSeconds(4),
				DeliveryStatus.FAILED, null);
		assertThat(this.store.findDeliveries(DeliveryStatus.FAILED, null, 10)).extracting(Delivery::id)
			.containsExactly(laterFailedToA.id(), failedToB.id(), failedToA.id());
		assertThat(this.store.findDeliveries(null, "a", 10)).extracting(Delivery::id)
			.containsExactly(laterFailedToA.id(), deliveredToA.id(), pendingToA.id(), failedToA.id());
		assertThat(this.store.findDeliveries(DeliveryStatus.FAILED, "a", 10)).extracting(Delivery::id)
			.containsExactly(laterFailedToA.id(), failedToA.id());
		assertThat(this.store.findDeliveries(DeliveryStatus.FAILED, "a", 1)).singleElement().satisfies((delivery) -> {
			assertThat(delivery).isEqualTo(this.store.findDelivery(laterFailedToA.id()).orElseThrow());
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
			assertThat(delivery.lastError()).isEqualTo("HTTP 500");
		});
		assertThat(this.store.findDeliveries(DeliveryStatus.PENDING, "b", 10)).isEmpty();
		assertThat(this.store.findDeliveries(DeliveryStatus.CANCELLED, null, 10)).isEmpty();
		assertThat(this.store.findDeliveries(null, "unknown", 10)).isEmpty();
	}

	@Test
	void findRecentAttemptsListsTheLatestAttemptsToAnEndpointWhateverTheirDelivery() {
		Delivery first = save("msg_1", T0, "a");
		Delivery other = save("msg_2", T0, "b");
		Delivery second = save("msg_3", T0.plusSeconds(1), "a");
		finish(first, T0.plusSeconds(10), DeliveryStatus.PENDING, T0.plusSeconds(25));
		finish(second, T0.plusSeconds(20), DeliveryStatus.FAILED, null);
		finish(first, T0.plusSeconds(30), DeliveryStatus.DELIVERED, null);
		finish(other, T0.plusSeconds(40), DeliveryStatus.DELIVERED, null);
		assertThat(this.store.findRecentAttempts("a", 10))
			.extracting(DeliveryAttempt::deliveryId, DeliveryAttempt::number, DeliveryAttempt::startedAt)
			.containsExactly(tuple(first.id(), 2, T0.plusSeconds(30)), tuple(second.id(), 1, T0.plusSeconds(20)),
					tuple(first.id(), 1, T0.plusSeconds(10)));
		assertThat(this.store.findRecentAttempts("a", 2)).extracting(DeliveryAttempt::startedAt)
			.containsExactly(T0.plusSeconds(30), T0.plusSeconds(20));
		assertThat(this.store.findRecentAttempts("b", 10)).singleElement()
			.satisfies((attempt) -> assertThat(attempt.deliveryId()).isEqualTo(other.id()));
		assertThat(this.store.findRecentAttempts("a", 0)).isEmpty();
		assertThat(this.store.findRecentAttempts("unknown", 10)).isEmpty();
	}

	@Test
	void findOldestUnfinishedCreationTimeIsThatOfTheOldestPendingOrInFlightDelivery() {
		assertThat(this.store.findOldestUnfinishedCreationTime()).isEmpty();
		Delivery oldest = save("msg_1", T0, "a");
		Delivery inFlight = save("msg_2", T0.plusSeconds(10), "a");
		Delivery newest = save("msg_3", T0.plusSeconds(20), "b");
		assertThat(this.store.findOldestUnfinishedCreationTime()).contains(T0);
		finish(oldest, T0, DeliveryStatus.DELIVERED, null);
		save("msg_4", T0.plusSeconds(5), "c");
		this.store.cancel("c");
		Delivery claimed = this.store.claim(List.of(inFlight.id()), T0.plusSeconds(10), LEASE).get(0);
		assertThat(this.store.findOldestUnfinishedCreationTime()).contains(T0.plusSeconds(10));
		finish(newest, T0.plusSeconds(20), DeliveryStatus.FAILED, null);
		assertThat(this.store.findOldestUnfinishedCreationTime()).contains(T0.plusSeconds(10));
		this.store.recordAttempt(new DeliveryAttempt(claimed.id(), claimed.attempts(), T0.plusSeconds(10),
				Duration.ofMillis(120), 200, null, null), DeliveryStatus.DELIVERED, null);
		assertThat(this.store.findOldestUnfinishedCreationTime()).isEmpty();
	}

	@Test
	void cancelCancelsThePendingDeliveriesToAnEndpointOnly() {
		Delivery pending = save("msg_1", T0, "a");
		Delivery retrying = finish(save("msg_2", T0.plusSeconds(1), "a"), T0.plusSeconds(1), DeliveryStatus.PENDING,
				T0.plusSeconds(100));
		Delivery inFlight = this.store.claim(List.of(save("msg_3", T0.plusSeconds(2), "a").id()), T0.plusSeconds(2),
				LEASE).get(0);
		Delivery delivered = finish(save("msg_4", T0.plusSeconds(3), "a"), T0.plusSeconds(3), DeliveryStatus.DELIVERED,
				null);
		Delivery failed = finish(save("msg_5", T0.plusSeconds(4), "a"), T0.plusSeconds(4), DeliveryStatus.FAILED, null);
		Delivery toOtherEndpoint = save("msg_6", T0, "b");
		Instant now = T0.plusSeconds(5);
		assertThat(this.store.cancel("a")).isEqualTo(2);
		for (Delivery cancelled : List.of(pending, retrying)) {
			Delivery delivery = this.store.findDelivery(cancelled.id()).orElseThrow();
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.CANCELLED);
			assertThat(delivery.dueAt()).isNull();
		}
		assertThat(this.store.findDelivery(inFlight.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
		assertThat(this.store.findDelivery(delivered.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(this.store.findDelivery(failed.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(this.store.findDelivery(toOtherEndpoint.id()).orElseThrow().status())
			.isEqualTo(DeliveryStatus.PENDING);
		assertThat(this.store.countUnfinished()).isEqualTo(2);
		assertThat(ids(claim(now, 10))).containsExactly(toOtherEndpoint.id());
		// the claim in flight still records its outcome
		assertThat(this.store.recordAttempt(new DeliveryAttempt(inFlight.id(), inFlight.attempts(), now,
				Duration.ofMillis(120), 200, null, null), DeliveryStatus.DELIVERED, null)).isTrue();
		assertThat(this.store.findDelivery(inFlight.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(this.store.cancel("a")).isZero();
		assertThat(this.store.cancel("unknown")).isZero();
		assertThat(this.store.retry(pending.id(), now)).isTrue();
	}

	@Test
	void purgeDeletesOldMessagesWhoseDeliveriesAreAllDeliveredWithTheirDeliveriesAndAttempts() {
		Instant before = T0.plus(Duration.ofDays(1));
		List<Delivery> delivered = this.store.save(message("msg_1", T0), List.of("a", "b"));
		this.store.save(message("msg_2", T0), List.of());
		claim(T0, 10).forEach((claimed) -> record(claimed, T0, 200, null, DeliveryStatus.DELIVERED, null));
		Delivery recent = save("msg_3", before, "a");
		DeliveryAttempt recentAttempt = record(claim(before, 10).get(0), before, 200, null, DeliveryStatus.DELIVERED,
				null);
		assertThat(this.store.purge(before, 10)).isEqualTo(2);
		assertThat(this.store.findMessage("msg_1")).isEmpty();
		assertThat(this.store.findMessage("msg_2")).isEmpty();
		assertThat(this.store.findDeliveries("msg_1")).isEmpty();
		for (Delivery delivery : delivered) {
			assertThat(this.store.findDelivery(delivery.id())).isEmpty();
			assertThat(this.store.findAttempts(delivery.id())).isEmpty();
		}
		assertThat(this.store.findMessage("msg_3")).isPresent();
		assertThat(this.store.findDelivery(recent.id())).isPresent();
		assertThat(this.store.findAttempts(recent.id())).containsExactly(recentAttempt);
		assertThat(this.store.purge(before, 10)).isZero();
	}

	@Test
	void purgeKeepsMessagesWithAFailedPendingOrInFlightDelivery() {
		Delivery retrying = save("msg_4", T0, "a");
		record(claim(T0, 10).get(0), T0, 503, null, DeliveryStatus.PENDING, T0.plus(Duration.ofDays(2)));
		Delivery failed = fail(save("msg_1", T0, "a"));
		Delivery inFlight = save("msg_2", T0, "a");
		claim(T0, 10);
		List<Delivery> partlyDelivered = this.store.save(message("msg_3", T0), List.of("a", "b"));
		record(claim(T0, 1).get(0), T0, 200, null, DeliveryStatus.DELIVERED, null);
		this.store.save(message("msg_5", T0), List.of("a"));
		assertThat(this.store.purge(T0.plus(Duration.ofDays(1)), 10)).isZero();
		for (String messageId : List.of("msg_1", "msg_2", "msg_3", "msg_4", "msg_5")) {
			assertThat(this.store.findMessage(messageId)).isPresent();
		}
		assertThat(this.store.findDelivery(failed.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
		assertThat(this.store.findAttempts(failed.id())).hasSize(1);
		assertThat(this.store.findDelivery(inFlight.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
		assertThat(this.store.findDeliveries("msg_3")).extracting(Delivery::id)
			.containsExactlyInAnyOrderElementsOf(savedIds(partlyDelivered));
		assertThat(this.store.findAttempts(retrying.id())).hasSize(1);
		assertThat(this.store.countUnfinished()).isEqualTo(4);
	}

	@Test
	void purgeDeletesNoMoreThanTheLimit() {
		for (int i = 0; i < 5; i++) {
			save("msg_" + i, T0, "a");
		}
		claim(T0, 10).forEach((claimed) -> record(claimed, T0, 200, null, DeliveryStatus.DELIVERED, null));
		Instant before = T0.plusSeconds(1);
		assertThat(this.store.purge(before, 2)).isEqualTo(2);
		assertThat(this.store.purge(before, 2)).isEqualTo(2);
		assertThat(this.store.purge(before, 2)).isEqualTo(1);
		assertThat(this.store.purge(before, 2)).isZero();
		for (int i = 0; i < 5; i++) {
			assertThat(this.store.findMessage("msg_" + i)).isEmpty();
		}
	}

	@Test
	void concurrentClaimsNeverClaimADeliveryTwiceAndTogetherClaimAll() throws Exception {
		List<String> saved = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			saved.addAll(savedIds(this.store.save(message("msg_" + i, T0.plusMillis(i)), List.of("a", "b"))));
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
					List<ClaimedDelivery> batch = claim(T0.plusSeconds(5), 7);
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

	private Delivery save(String messageId, Instant timestamp, String endpoint) {
		return this.store.save(message(messageId, timestamp), List.of(endpoint)).get(0);
	}

	private List<ClaimedDelivery> claim(Instant now, int limit) {
		return this.store.claimDue(now, limit, LEASE, Set.of(), KNOWN_ENDPOINTS);
	}

	private List<ClaimedDelivery> claimOrdered(Instant now) {
		return this.store.claimDue(now, 10, LEASE, Set.of("ordered"), KNOWN_ENDPOINTS);
	}

	private DeliveryAttempt record(ClaimedDelivery claimed, Instant startedAt, Integer statusCode, String error,
			DeliveryStatus status, Instant nextAttemptAt) {
		String excerpt = (statusCode != null) ? "{\"status\":" + statusCode + "}" : null;
		DeliveryAttempt attempt = new DeliveryAttempt(claimed.delivery().id(), claimed.delivery().attempts(),
				startedAt, Duration.ofMillis(120), statusCode, excerpt, error);
		this.store.recordAttempt(attempt, status, nextAttemptAt);
		return attempt;
	}

	// an attempt of the delivery, claimed by key: it must be pending and due by startedAt
	private Delivery finish(Delivery delivery, Instant startedAt, DeliveryStatus status, Instant nextAttemptAt) {
		Delivery claimed = this.store.claim(List.of(delivery.id()), startedAt, LEASE).get(0);
		Integer statusCode = (status == DeliveryStatus.DELIVERED) ? 200 : 500;
		this.store.recordAttempt(new DeliveryAttempt(claimed.id(), claimed.attempts(), startedAt,
				Duration.ofMillis(120), statusCode, null, null), status, nextAttemptAt);
		return delivery;
	}

	// the delivery must be the only one due when it was created
	private Delivery fail(Delivery delivery) {
		ClaimedDelivery claimed = claim(delivery.createdAt(), 10).get(0);
		assertThat(claimed.delivery().id()).isEqualTo(delivery.id());
		record(claimed, delivery.createdAt(), null, "Connection refused", DeliveryStatus.FAILED, null);
		return delivery;
	}

	private static WebhookMessage message(String id, Instant timestamp) {
		byte[] body = ("{\"message\":\"" + id + "\",\"city\":\"Zürich\"}").getBytes(StandardCharsets.UTF_8);
		return new WebhookMessage(id, "order.created", timestamp, body);
	}

	private static List<String> ids(List<ClaimedDelivery> claimed) {
		return claimed.stream().map((delivery) -> delivery.delivery().id()).toList();
	}

	private static List<String> savedIds(List<Delivery> saved) {
		return saved.stream().map(Delivery::id).toList();
	}

	private static String idTo(String endpoint, List<Delivery> saved) {
		return saved.stream()
			.filter((delivery) -> delivery.endpoint().equals(endpoint))
			.findFirst()
			.orElseThrow()
			.id();
	}

}
