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
		types.record("map", Map.class);
		types.record("list", List.class);
		types.record("string", String.class);
		types.record("number", Integer.class);
		types.record("tree", JsonNodeFactory.instance.objectNode().getClass());
		types.record("array", Paid[].class);
		assertThat(types.getEventTypes()).allSatisfy((type) -> assertThat(type.payloadClass()).isNull());
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
