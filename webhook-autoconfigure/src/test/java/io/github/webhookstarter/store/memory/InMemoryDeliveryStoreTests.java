package io.github.webhookstarter.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.webhookstarter.outbound.DeliveryAttempt;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.DeliveryStoreContractTests;
import io.github.webhookstarter.outbound.WebhookMessage;

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

	private static DeliveryAttempt attempt() {
		return new DeliveryAttempt("delivery", 1, NOW, Duration.ofMillis(120), 500, null, null);
	}

}
