package io.github.webhookstarter.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EventTypes}.
 */
class EventTypesTests {

	@Test
	void exactNameMatchesOnlyItself() {
		assertThat(EventTypes.matches("order.created", "order.created")).isTrue();
		assertThat(EventTypes.matches("order.created", "order.updated")).isFalse();
		assertThat(EventTypes.matches("order.created", "order.created.v2")).isFalse();
		assertThat(EventTypes.matches("order.created", "Order.Created")).isFalse();
	}

	@Test
	void starMatchesEveryType() {
		assertThat(EventTypes.matches("*", "order.created")).isTrue();
		assertThat(EventTypes.matches("*", "x")).isTrue();
		assertThat(EventTypes.matches("*", "")).isTrue();
	}

	@Test
	void trailingWildcardMatchesAnySuffixIncludingNone() {
		assertThat(EventTypes.matches("order.*", "order.created")).isTrue();
		assertThat(EventTypes.matches("order.*", "order.line.added")).isTrue();
		assertThat(EventTypes.matches("order.*", "order.")).isTrue();
		assertThat(EventTypes.matches("order.*", "order")).isFalse();
		assertThat(EventTypes.matches("order.*", "invoice.paid")).isFalse();
		assertThat(EventTypes.matches("order.*", "x.order.created")).isFalse();
	}

	@Test
	void leadingAndInnerWildcards() {
		assertThat(EventTypes.matches("*.created", "order.created")).isTrue();
		assertThat(EventTypes.matches("*.created", "order.updated")).isFalse();
		assertThat(EventTypes.matches("order.*.added", "order.line.added")).isTrue();
		assertThat(EventTypes.matches("order.*.added", "order.line.removed")).isFalse();
		assertThat(EventTypes.matches("*order*", "big.order.placed")).isTrue();
	}

	@Test
	void nullNeverMatches() {
		assertThat(EventTypes.matches(null, "order.created")).isFalse();
		assertThat(EventTypes.matches("*", null)).isFalse();
	}

}
