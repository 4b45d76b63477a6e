package io.github.webhookstarter.actuate;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;

import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;
import io.github.webhookstarter.store.memory.InMemoryEndpointStateStore;
import io.github.webhookstarter.store.memory.InMemoryInboundStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WebhooksHealthIndicator}.
 */
class WebhooksHealthIndicatorTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	@Test
	void upWithBacklogAndDisabledEndpoints() {
		InMemoryDeliveryStore store = new InMemoryDeliveryStore();
		store.save(new WebhookMessage("msg_1", "order.created", Instant.now(), "{}".getBytes()), List.of("a", "b"));
		WebhookEndpoints endpoints = new WebhookEndpoints(List.of(endpoint("a"), endpoint("b")),
				new InMemoryEndpointStateStore());
		endpoints.disable("b", "gone", Instant.now());
		Health health = new WebhooksHealthIndicator(store, endpoints, new InMemoryInboundStore()).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("backlog", 2L)
			.containsEntry("inboundBacklog", 0L)
			.containsEntry("disabledEndpoints", List.of("b"));
	}

	@Test
	void upWithTheAgeOfTheOldestPendingDeliveryAndTheInboundBacklog() {
		Instant now = Instant.parse("2026-03-01T10:00:00Z");
		InMemoryDeliveryStore store = new InMemoryDeliveryStore();
		store.save(new WebhookMessage("msg_1", "order.created", now.minusSeconds(90), "{}".getBytes()), List.of("a"));
		store.save(new WebhookMessage("msg_2", "order.created", now.minusSeconds(30), "{}".getBytes()), List.of("a"));
		InMemoryInboundStore inboundStore = new InMemoryInboundStore();
		inboundStore.savePending(new InboundCall("c1", "github", "push", null, new HttpHeaders(), new byte[0], null,
				now));
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		Health health = new WebhooksHealthIndicator(store, null, inboundStore, clock).health(true);
		assertThat(health.getDetails()).containsEntry("backlog", 2L)
			.containsEntry("oldestPendingAge", "PT1M30S")
			.containsEntry("inboundBacklog", 1L);
		store.cancel("a");
		assertThat(new WebhooksHealthIndicator(store, null, null, clock).health(true).getDetails())
			.containsOnlyKeys("backlog");
	}

	@Test
	void upWithoutTheOutboundSide() {
		Health health = new WebhooksHealthIndicator(new InMemoryDeliveryStore(), null, null).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsOnlyKeys("backlog");
	}

	@Test
	void downWhenTheDeliveryStoreIsUnreachableWithoutTheExceptionMessage() {
		DeliveryStore store = mock(DeliveryStore.class);
		given(store.countUnfinished())
			.willThrow(new DataAccessResourceFailureException("jdbc:postgresql://app:" + SECRET + "@db/app"));
		Health health = new WebhooksHealthIndicator(store, null, null).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("store", "delivery")
			.containsEntry("error", DataAccessResourceFailureException.class.getName());
		assertThat(health.toString()).doesNotContain(SECRET);
	}

	@Test
	void downWhenTheInboundStoreIsUnreachable() {
		InboundStore inboundStore = mock(InboundStore.class);
		given(inboundStore.countUnfinished()).willThrow(new DataAccessResourceFailureException("down"));
		Health health = new WebhooksHealthIndicator(new InMemoryDeliveryStore(), null, inboundStore).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("store", "inbound");
	}

	static WebhookEndpoint endpoint(String name) {
		return WebhookEndpoint.builder(name, URI.create("https://example.com/" + name))
			.signature(new StandardWebhooksSignatureScheme(), SECRET)
			.build();
	}

}
