package io.github.webhookstarter.subscription;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import io.github.webhookstarter.outbound.Delivery;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.TestReceiver;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.outbound.WebhookPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks published by the application reach the subscriptions whose events match, signed
 * with their secrets, verified with the Standard Webhooks library; a rotation signs with both
 * secrets; a receiver answering {@code 410 Gone} deactivates its subscription until its owner
 * reactivates it; deleting a subscription cancels what is pending for it. The URL policy
 * allows the local receiver (plain http on loopback), which the default policy refuses.
 */
@SpringBootTest(classes = SubscriptionDeliveryIntegrationTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "webhook.store=memory", "webhook.subscriptions.enabled=true",
				"webhook.outbound.url-policy.https-only=false", "webhook.outbound.url-policy.allow-private=true" })
class SubscriptionDeliveryIntegrationTests {

	private final TestReceiver receiver = TestReceiver.start();

	@Autowired
	WebhookSubscriptions subscriptions;

	@Autowired
	WebhookPublisher publisher;

	@Autowired
	DeliveryStore deliveryStore;

	@Autowired
	WebhookEndpoints endpoints;

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void matchingSubscriptionsReceiveSignedWebhooksAndOthersDoNot() throws Exception {
		Subscription orders = this.subscriptions.create("alice", SubscriptionRequest.of(url("/orders"), "order.*"));
		Subscription invoices = this.subscriptions.create("bob", SubscriptionRequest.of(url("/invoices"), "invoice.paid"));
		WebhookMessage message = this.publisher.publish("order.created", Map.of("id", 42));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.hits("/orders") == 1);
		TestReceiver.Received received = this.receiver.received("/orders").get(0);
		new Webhook(orders.secret()).verify(received.bodyAsString(), received.headerMap());
		assertThat(received.bodyAsString()).contains("\"id\":42");
		assertThat(this.deliveryStore.findDeliveries(message.id())).extracting(Delivery::endpoint)
			.containsExactly(orders.id());
		assertThat(this.receiver.hits("/invoices")).isZero();
		assertThat(invoices.id()).isNotEqualTo(orders.id());
	}

	@Test
	void afterARotationWebhooksCarryASignatureOfEachSecret() throws Exception {
		Subscription created = this.subscriptions.create("alice", SubscriptionRequest.of(url("/rotated"), "rotation.*"));
		Subscription rotated = this.subscriptions.rotateSecret("alice", created.id()).orElseThrow();
		this.publisher.publish("rotation.tested", Map.of("id", 1));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.hits("/rotated") == 1);
		TestReceiver.Received received = this.receiver.received("/rotated").get(0);
		assertThat(received.headers().getFirst("webhook-signature")).contains(" ");
		// a receiver that knows either secret accepts it
		new Webhook(created.secret()).verify(received.bodyAsString(), received.headerMap());
		new Webhook(rotated.secret()).verify(received.bodyAsString(), received.headerMap());
	}

	@Test
	void goneDeactivatesTheSubscriptionUntilItsOwnerReactivatesIt() {
		this.receiver.answer("/gone", (request) -> TestReceiver.Answer.status((request.hit() == 1) ? 410 : 200));
		Subscription subscription = this.subscriptions.create("alice", SubscriptionRequest.of(url("/gone"), "gone.*"));
		WebhookMessage first = this.publisher.publish("gone.tested", Map.of("id", 1));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.subscriptions.getState(subscription.id())).isNotNull()
				.satisfies((state) -> assertThat(state.disabled()).isTrue()));
		assertThat(this.subscriptions.getState(subscription.id()).disabledReason()).contains("410");
		assertThat(status(first)).isEqualTo(DeliveryStatus.FAILED);
		WebhookMessage meanwhile = this.publisher.publish("gone.tested", Map.of("id", 2));
		// stored for it, not sent, past the next poll
		await().during(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(3))
			.until(() -> this.receiver.hits("/gone") == 1 && status(meanwhile) == DeliveryStatus.PENDING);

		this.subscriptions.update("alice", subscription.id(),
				new SubscriptionRequest(null, null, null, null, null, null, null, true));
		await().atMost(Duration.ofSeconds(5)).until(() -> status(meanwhile) == DeliveryStatus.DELIVERED);
		assertThat(this.receiver.hits("/gone")).isEqualTo(2);
	}

	@Test
	void deletingASubscriptionCancelsWhatIsPendingForItAndStopsDeliveries() {
		this.receiver.answer("/deleted", (request) -> TestReceiver.Answer.status(500));
		Subscription subscription = this.subscriptions.create("alice", SubscriptionRequest.of(url("/deleted"), "deleted.*"));
		WebhookMessage message = this.publisher.publish("deleted.tested", Map.of("id", 1));
		// the first attempt failed, the retry waits 5 seconds
		await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.hits("/deleted") == 1);
		await().atMost(Duration.ofSeconds(2)).until(() -> status(message) == DeliveryStatus.PENDING);
		assertThat(this.subscriptions.delete("alice", subscription.id())).isTrue();
		assertThat(status(message)).isEqualTo(DeliveryStatus.CANCELLED);
		assertThat(this.endpoints.get(subscription.id())).isNull();
		WebhookMessage later = this.publisher.publish("deleted.tested", Map.of("id", 2));
		assertThat(this.deliveryStore.findDeliveries(later.id())).extracting(Delivery::endpoint)
			.doesNotContain(subscription.id());
	}

	private DeliveryStatus status(WebhookMessage message) {
		List<Delivery> deliveries = this.deliveryStore.findDeliveries(message.id());
		assertThat(deliveries).hasSize(1);
		return deliveries.get(0).status();
	}

	private URI url(String path) {
		return URI.create(this.receiver.url(path));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
