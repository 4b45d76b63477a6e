package io.github.webhookstarter.actuate;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessResourceFailureException;

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
import static org.mockito.ArgumentMatchers.anyString;
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
			.containsEntry("disabledEndpoints", List.of("b"));
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
		given(inboundStore.find(anyString())).willThrow(new DataAccessResourceFailureException("down"));
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
