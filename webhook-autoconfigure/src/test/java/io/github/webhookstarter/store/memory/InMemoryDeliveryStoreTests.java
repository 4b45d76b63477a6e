package io.github.webhookstarter.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.webhookstarter.outbound.Delivery;
import io.github.webhookstarter.outbound.DeliveryAttempt;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.DeliveryStoreContractTests;
import io.github.webhookstarter.outbound.DeliveryStoreFullException;
import io.github.webhookstarter.outbound.WebhookMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link InMemoryDeliveryStore}.
 *
 * @author Webhook Starter team
 */
class InMemoryDeliveryStoreTests extends DeliveryStoreContractTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	@Override
	protected DeliveryStore createStore() {
		return new InMemoryDeliveryStore();
	}

	@Test
	void saveRefusesAMessageAlreadyStored() {
		InMemoryDeliveryStore store = new InMemoryDeliveryStore();
		WebhookMessage message = new WebhookMessage("msg_1", "order.created", NOW, new byte[0]);
		store.save(message, List.of("a"));
		assertThatIllegalArgumentException().isThrownBy(() -> store.save(message, List.of("b")))
			.withMessage("Message 'msg_1' is already stored");
	}

	@Test
	void recordAttemptRefusesARetryWithoutNextAttempt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InMemoryDeliveryStore().recordAttempt(attempt(), DeliveryStatus.PENDING, null))
			.withMessage("A delivery to retry needs a 'nextAttemptAt'");
	}

	@Test
	void recordAttemptRefusesAStatusThatNoAttemptLeaves() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InMemoryDeliveryStore().recordAttempt(attempt(), DeliveryStatus.IN_FLIGHT, null))
			.withMessage("An attempt cannot leave a delivery IN_FLIGHT");
	}

	@Test
	void fullStoreForgetsTheDeliveriesDeliveredLongestAgoAndMessagesLeftWithoutDeliveries() {
		DeliveryStore store = new InMemoryDeliveryStore(4);
		List<Delivery> first = store.save(message("msg_1"), List.of("a", "b"));
		Delivery second = store.save(message("msg_2"), List.of("a")).get(0);
		Delivery inFlight = store.save(message("msg_3"), List.of("a")).get(0);
		claimAll(store);
		record(store, second, DeliveryStatus.DELIVERED);
		record(store, first.get(0), DeliveryStatus.DELIVERED);
		record(store, first.get(1), DeliveryStatus.FAILED);
		store.save(message("msg_4"), List.of("a"));
		assertThat(store.findDelivery(second.id())).isEmpty();
		assertThat(store.findAttempts(second.id())).isEmpty();
		assertThat(store.findMessage("msg_2")).isEmpty();
		assertThat(store.findDelivery(first.get(0).id())).isPresent();
		store.save(message("msg_5"), List.of("a"));
		assertThat(store.findDelivery(first.get(0).id())).isEmpty();
		assertThat(store.findMessage("msg_1")).isPresent();
		assertThat(store.findDeliveries("msg_1")).extracting(Delivery::id).containsExactly(first.get(1).id());
		assertThat(store.findDelivery(inFlight.id())).isPresent();
		assertThat(store.countUnfinished()).isEqualTo(3);
	}

	@Test
	void fullStoreOfPendingInFlightAndFailedDeliveriesRefusesMessagesWhole() {
		DeliveryStore store = new InMemoryDeliveryStore(4);
		Delivery delivered = store.save(message("msg_1"), List.of("a")).get(0);
		Delivery failed = store.save(message("msg_2"), List.of("a")).get(0);
		claimAll(store);
		record(store, delivered, DeliveryStatus.DELIVERED);
		record(store, failed, DeliveryStatus.FAILED);
		store.save(message("msg_3"), List.of("a", "b"));
		assertThatExceptionOfType(DeliveryStoreFullException.class)
			.isThrownBy(() -> store.save(message("msg_4"), List.of("a", "b")))
			.withMessage("The in-memory delivery store is full: it holds at most 4 deliveries, too few of which are "
					+ "delivered or cancelled to make room for the 2 deliveries of message 'msg_4' (order.created). "
					+ "Raise 'webhook.outbound.memory.max-deliveries', or use a JDBC store, which is durable and "
					+ "unbounded.");
		assertThat(store.findMessage("msg_4")).isEmpty();
		assertThat(store.findDelivery(delivered.id())).isPresent();
		assertThat(store.countUnfinished()).isEqualTo(2);
	}

	@Test
	void maxDeliveriesMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryDeliveryStore(0))
			.withMessage("'maxDeliveries' must be positive");
	}

	private static void claimAll(DeliveryStore store) {
		assertThat(store.claimDue(NOW, 100, Duration.ofSeconds(30), Set.of(), Set.of("a", "b"))).isNotEmpty();
	}

	// of a delivery claimed once
	private static void record(DeliveryStore store, Delivery delivery, DeliveryStatus status) {
		int statusCode = (status == DeliveryStatus.DELIVERED) ? 200 : 500;
		store.recordAttempt(new DeliveryAttempt(delivery.id(), 1, NOW, Duration.ofMillis(120), statusCode, null, null),
				status, null);
	}

	private static WebhookMessage message(String id) {
		return new WebhookMessage(id, "order.created", NOW, new byte[0]);
	}

	private static DeliveryAttempt attempt() {
		return new DeliveryAttempt("delivery", 1, NOW, Duration.ofMillis(120), 500, null, null);
	}

}
