package io.github.webhookstarter.actuate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.http.HttpHeaders;

import io.github.webhookstarter.actuate.WebhooksEndpoint.DeliveriesDescriptor;
import io.github.webhookstarter.actuate.WebhooksEndpoint.DeliveryDescriptor;
import io.github.webhookstarter.actuate.WebhooksEndpoint.EndpointDescriptor;
import io.github.webhookstarter.actuate.WebhooksEndpoint.InboundCallDescriptor;
import io.github.webhookstarter.actuate.WebhooksEndpoint.InboundCallsDescriptor;
import io.github.webhookstarter.actuate.WebhooksEndpoint.RecoveryDescriptor;
import io.github.webhookstarter.actuate.WebhooksEndpoint.ReplayDescriptor;
import io.github.webhookstarter.actuate.WebhooksEndpoint.WebhooksDescriptor;
import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.inbound.InboundCallStatus;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundWorker;
import io.github.webhookstarter.inbound.StoredInboundCall;
import io.github.webhookstarter.outbound.Delivery;
import io.github.webhookstarter.outbound.DeliveryDispatcher;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;
import io.github.webhookstarter.store.memory.InMemoryEndpointStateStore;
import io.github.webhookstarter.store.memory.InMemoryInboundStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link WebhooksEndpoint}.
 */
class WebhooksEndpointTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	private final InMemoryEndpointStateStore stateStore = new InMemoryEndpointStateStore();

	private final WebhookEndpoints endpoints = new WebhookEndpoints(List.of(
			WebhookEndpoint.builder("orders", URI.create("https://user:" + SECRET + "@example.com:8443/hooks?token=t0k#f"))
				.signature(new StandardWebhooksSignatureScheme(), SECRET)
				.events("order.*", "before:order.refund")
				.build()),
			this.stateStore);

	@Test
	void describesEndpointsWithoutSecrets() {
		WebhooksDescriptor descriptor = endpoint(new InMemoryDeliveryStore(), null).webhooks();
		assertThat(descriptor.backlog()).isZero();
		assertThat(descriptor.sources()).isEmpty();
		EndpointDescriptor orders = descriptor.endpoints().get(0);
		assertThat(orders.url()).isEqualTo("https://******@example.com:8443/hooks?******");
		assertThat(orders.events()).containsExactly("after:order.*", "before:order.refund");
		assertThat(orders.enabled()).isTrue();
		assertThat(orders.disabled()).isFalse();
		assertThat(descriptor.toString()).doesNotContain(SECRET).doesNotContain("t0k");
	}

	@Test
	void disablesAndEnablesAnEndpoint() {
		WebhooksEndpoint endpoint = endpoint(new InMemoryDeliveryStore(), null);
		EndpointDescriptor disabled = (EndpointDescriptor) endpoint.operate("endpoints", "orders", "disable",
				"maintenance", null);
		assertThat(disabled.disabled()).isTrue();
		assertThat(disabled.disabledReason()).isEqualTo("maintenance");
		assertThat(disabled.disabledAt()).isEqualTo(NOW);
		assertThat(this.endpoints.isEnabled("orders")).isFalse();
		EndpointDescriptor enabled = (EndpointDescriptor) endpoint.operate("endpoints", "orders", "enable", null, null);
		assertThat(enabled.disabled()).isFalse();
		assertThat(this.endpoints.isEnabled("orders")).isTrue();
	}

	@Test
	void unknownItemsAndActionsAreNull() {
		WebhooksEndpoint endpoint = endpoint(new InMemoryDeliveryStore(), null);
		assertThat(endpoint.operate("endpoints", "nope", "disable", null, null)).isNull();
		assertThat(endpoint.operate("endpoints", "orders", "explode", null, null)).isNull();
		assertThat(endpoint.operate("deliveries", "nope", "retry", null, null)).isNull();
		assertThat(endpoint.operate("inbound", "nope", "replay", null, null)).isNull();
		assertThat(endpoint.operate("things", "x", "y", null, null)).isNull();
		assertThat(endpoint.item("deliveries", "nope")).isNull();
		assertThat(endpoint.item("things", "nope")).isNull();
	}

	@Test
	void showsADeliveryWithItsAttempts() {
		InMemoryDeliveryStore store = new InMemoryDeliveryStore();
		Delivery delivery = store
			.save(new WebhookMessage("msg_1", "order.created", NOW, "{}".getBytes()), List.of("orders"))
			.get(0);
		DeliveryDescriptor descriptor = endpoint(store, null).item("deliveries", delivery.id());
		assertThat(descriptor).isNotNull();
		assertThat(descriptor.delivery().status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(descriptor.attempts()).isEmpty();
	}

	@Test
	void retriesAFailedDeliveryAndWakesTheDispatcher() {
		DeliveryStore store = mock(DeliveryStore.class);
		DeliveryDispatcher dispatcher = mock(DeliveryDispatcher.class);
		given(store.findDelivery("d1")).willReturn(Optional.of(delivery("d1", DeliveryStatus.FAILED)));
		given(store.retry("d1", NOW)).willReturn(true);
		assertThat(endpoint(store, dispatcher).operate("deliveries", "d1", "retry", null, null))
			.isInstanceOf(DeliveryDescriptor.class);
		then(store).should().retry("d1", NOW);
		then(dispatcher).should().wakeUp();
	}

	@Test
	void refusesToRetryADeliveryThatIsNotFailed() {
		DeliveryStore store = mock(DeliveryStore.class);
		given(store.findDelivery("d1")).willReturn(Optional.of(delivery("d1", DeliveryStatus.PENDING)));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint(store, null).operate("deliveries", "d1", "retry", null, null));
	}

	@Test
	void recoversTheFailedDeliveriesOfAnEndpoint() {
		DeliveryStore store = mock(DeliveryStore.class);
		DeliveryDispatcher dispatcher = mock(DeliveryDispatcher.class);
		given(store.recover("orders", Instant.parse("2026-01-01T08:00:00Z"), NOW)).willReturn(3);
		assertThat(endpoint(store, dispatcher).operate("endpoints", "orders", "recover", null, "2026-01-01T09:00:00+01:00"))
			.isEqualTo(new RecoveryDescriptor("orders", 3));
		then(dispatcher).should().wakeUp();
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint(store, dispatcher).operate("endpoints", "orders", "recover", null, "yesterday"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint(store, dispatcher).operate("endpoints", "orders", "recover", null, null));
	}

	@Test
	void replaysAStoredInboundCall() {
		InboundStore inboundStore = mock(InboundStore.class);
		InboundWorker worker = mock(InboundWorker.class);
		given(inboundStore.find("c1")).willReturn(Optional.of(mock(StoredInboundCall.class)));
		given(worker.replay("c1")).willReturn(true);
		WebhooksEndpoint endpoint = new WebhooksEndpoint(new InMemoryDeliveryStore(), null, null, null, null,
				inboundStore, worker, Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(endpoint.operate("inbound", "c1", "replay", null, null))
			.isEqualTo(new ReplayDescriptor("c1", true));
		assertThat(endpoint.operate("inbound", "c2", "replay", null, null)).isNull();
	}

	@Test
	void listsDeliveriesWithTheUserInfoOfUrlsInErrorsMasked() {
		DeliveryStore store = mock(DeliveryStore.class);
		given(store.findDeliveries(DeliveryStatus.FAILED, "orders", WebhooksEndpoint.DEFAULT_LIMIT))
			.willReturn(List.of(new Delivery("d1", "msg_1", "orders", DeliveryStatus.FAILED, 1, null, NOW,
					"Connect to https://u:" + SECRET + "@example.com/x failed")));
		DeliveriesDescriptor listed = (DeliveriesDescriptor) endpoint(store, null).list("deliveries", "failed", "orders",
				null, null);
		assertThat(listed.deliveries()).singleElement()
			.satisfies((delivery) -> assertThat(delivery.lastError())
				.isEqualTo("Connect to https://******@example.com/x failed"));
		assertThat(listed.toString()).doesNotContain(SECRET);
	}

	@Test
	void listsNoMoreThanTheMaximumLimit() {
		DeliveryStore store = mock(DeliveryStore.class);
		WebhooksEndpoint endpoint = endpoint(store, null);
		endpoint.list("deliveries", null, null, null, 10_000);
		then(store).should().findDeliveries(null, null, WebhooksEndpoint.MAX_LIMIT);
		endpoint.list("deliveries", " ", null, null, 7);
		then(store).should().findDeliveries(null, null, 7);
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint.list("deliveries", null, null, null, 0));
	}

	@Test
	void refusesAnUnknownStatusNamingTheValidOnes() {
		WebhooksEndpoint endpoint = new WebhooksEndpoint(new InMemoryDeliveryStore(), null, null, null, null,
				mock(InboundStore.class), null, Clock.fixed(NOW, ZoneOffset.UTC));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint.list("deliveries", "LOST", null, null, null))
			.withMessage("Unknown status 'LOST': expected one of PENDING, IN_FLIGHT, DELIVERED, FAILED, CANCELLED");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> endpoint.list("inbound", "DELIVERED", null, null, null))
			.withMessage("Unknown status 'DELIVERED': expected one of PENDING, IN_FLIGHT, PROCESSED, FAILED");
	}

	@Test
	void listsInboundCallsWithoutBodiesOrHeaders() {
		InMemoryInboundStore inboundStore = new InMemoryInboundStore();
		HttpHeaders headers = new HttpHeaders();
		headers.add("Authorization", "Bearer " + SECRET);
		inboundStore.savePending(new InboundCall("c1", "github", "push", "wh_1", headers,
				("{\"token\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8), "203.0.113.7", NOW));
		WebhooksEndpoint endpoint = new WebhooksEndpoint(new InMemoryDeliveryStore(), null, null, null, null,
				inboundStore, null, Clock.fixed(NOW, ZoneOffset.UTC));
		InboundCallsDescriptor listed = (InboundCallsDescriptor) endpoint.list("inbound", "pending", null, "github",
				null);
		assertThat(listed.calls()).containsExactly(new InboundCallDescriptor("c1", "github", "wh_1", "push",
				InboundCallStatus.PENDING, 0, NOW, NOW, null, null));
		assertThat(listed.toString()).doesNotContain(SECRET);
	}

	@Test
	void listsNothingOfAnUnknownKindOrWithoutTheInboundSide() {
		WebhooksEndpoint endpoint = endpoint(new InMemoryDeliveryStore(), null);
		assertThat(endpoint.list("things", null, null, null, null)).isNull();
		assertThat(endpoint.list("inbound", null, null, null, null)).isNull();
	}

	private WebhooksEndpoint endpoint(DeliveryStore store, DeliveryDispatcher dispatcher) {
		return new WebhooksEndpoint(store, this.endpoints, this.stateStore, dispatcher, null, null, null,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static Delivery delivery(String id, DeliveryStatus status) {
		return new Delivery(id, "msg_1", "orders", status, 1, null, NOW, null);
	}

}
