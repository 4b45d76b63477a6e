package io.github.webhookstarter.outbound;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import io.github.webhookstarter.outbound.WebhookEventTypes.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhookEventTypes}.
 */
class WebhookEventTypesTests {

	record Paid(String id) {

	}

	@Test
	void recordsTypesByNameWithTheirPayloadClass() {
		WebhookEventTypes types = new WebhookEventTypes();
		types.record("order.paid", Paid.class);
		types.record("a.first", null);
		assertThat(types.getEventTypes()).containsExactly(new EventType("a.first", null),
				new EventType("order.paid", Paid.class));
		assertThat(types.get("order.paid")).isEqualTo(new EventType("order.paid", Paid.class));
		assertThat(types.get("nope")).isNull();
	}

	@Test
	void payloadClassesThatSayNothingOfTheShapeAreNone() {
		WebhookEventTypes types = new WebhookEventTypes();
		List.of(Map.class, List.class, String.class, Integer.class, JsonNodeFactory.instance.objectNode().getClass(),
				Paid[].class).forEach((payloadClass) -> types.record(payloadClass.getName(), payloadClass));
		assertThat(types.getEventTypes()).hasSize(6)
			.allSatisfy((type) -> assertThat(type.payloadClass()).isNull());
	}

	@Test
	void aTypeKnownWithoutPayloadClassLearnsTheFirstOneAndKeepsIt() {
		WebhookEventTypes types = new WebhookEventTypes();
		types.record("order.paid", Map.class);
		types.record("order.paid", Paid.class);
		types.record("order.paid", Map.class);
		types.record("order.paid", String.class);
		assertThat(types.get("order.paid")).isEqualTo(new EventType("order.paid", Paid.class));
	}

	@Test
	void knowsABoundedNumberOfTypes() {
		WebhookEventTypes types = new WebhookEventTypes(2);
		types.record("a", null);
		types.record("b", null);
		types.record("c", Paid.class);
		types.record("a", Paid.class);
		assertThat(types.getEventTypes()).containsExactly(new EventType("a", Paid.class), new EventType("b", null));
	}

}
