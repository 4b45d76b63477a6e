package io.github.webhookstarter.outbound;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

import io.github.webhookstarter.outbound.TestReceiver.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Before-phase failure policies and graceful shutdown, each in an application of its own.
 */
class OutboundLifecycleIntegrationTests {

	private final TestReceiver receiver = TestReceiver.start();

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void failingBeforePhaseCallLetsTheEventProceedByDefault() {
		this.receiver.answer("/gate", (request) -> Answer.status(500));
		try (ConfigurableApplicationContext context = run("webhook.outbound.endpoints[0].events=before:order.refund",
				"webhook.outbound.poll-interval=50ms", "webhook.outbound.endpoints[1].name=after",
				"webhook.outbound.endpoints[1].url=" + this.receiver.url("/after"),
				"webhook.outbound.endpoints[1].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
				"webhook.outbound.endpoints[1].events=order.refund")) {
			WebhookMessage message = context.getBean(WebhookPublisher.class).publish("order.refund", Map.of());
			assertThat(this.receiver.hits("/gate")).isOne();
			// the event went on: stored and delivered to the after-phase endpoint
			assertThat(context.getBean(DeliveryStore.class).findDeliveries(message.id()))
				.extracting(Delivery::endpoint)
				.containsExactly("after");
			await().untilAsserted(() -> assertThat(this.receiver.received("/after")).singleElement()
				.satisfies((request) -> assertThat(request.headers().getFirst("webhook-id")).isEqualTo(message.id())));
		}
	}

	@Test
	void failingBeforePhaseCallCancelsTheEventWhenConfigured() {
		this.receiver.answer("/gate", (request) -> Answer.status(500));
		try (ConfigurableApplicationContext context = run("webhook.outbound.endpoints[0].events=before:order.refund",
				"webhook.outbound.before-phase-failure=cancel")) {
			WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
			assertThatExceptionOfType(WebhookEventCancelledException.class)
				.isThrownBy(() -> publisher.publish("order.refund", Map.of()))
				.satisfies((ex) -> assertThat(ex.getReason()).contains("HTTP 500"));
		}
	}

	@Test
	void endpointFailingEveryAttemptForDisableAfterIsDisabled() throws InterruptedException {
		this.receiver.answer("/gate", (request) -> Answer.status(500));
		try (ConfigurableApplicationContext context = run("webhook.outbound.disable-after=300ms",
				"webhook.outbound.poll-interval=20ms", "webhook.outbound.endpoints[0].backoff.intervals=50ms,50ms,50ms",
				"webhook.outbound.endpoints[0].backoff.jitter=0")) {
			List<WebhookEndpointDisabled> disabled = new CopyOnWriteArrayList<>();
			context.addApplicationListener((PayloadApplicationEvent<?> event) -> {
				if (event.getPayload() instanceof WebhookEndpointDisabled endpointDisabled) {
					disabled.add(endpointDisabled);
				}
			});
			WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
			// failures keep coming for longer than disable-after, however long the first request takes
			for (int i = 0; i < 100 && disabled.isEmpty(); i++) {
				publisher.publish("order.created", Map.of("i", i));
				Thread.sleep(60);
			}
			await().untilAsserted(() -> assertThat(disabled).singleElement()
				.satisfies((event) -> assertThat(event.reason()).startsWith("every attempt failed since")));
			assertThat(context.getBean(WebhookEndpoints.class).isEnabled("gate")).isFalse();
			int hits = this.receiver.hits("/gate");
			publisher.publish("order.created", Map.of());
			Thread.sleep(300);
			assertThat(this.receiver.hits("/gate")).isEqualTo(hits);
		}
	}

	// the JDK client sends asynchronously, Apache HttpClient 5 on a thread per request
	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components" })
	void requestInFlightAtShutdownFinishesWithinTheTimeout(String client) {
		this.receiver.answer("/gate", (request) -> Answer.status(200).delay(500));
		ConfigurableApplicationContext context = run("webhook.outbound.shutdown-timeout=5s",
				"spring.http.clients.imperative.factory=" + client);
		DeliveryStore store = context.getBean(DeliveryStore.class);
		WebhookMessage message = context.getBean(WebhookPublisher.class).publish("order.created", Map.of());
		await().until(() -> this.receiver.hits("/gate") == 1);
		context.close();
		assertThat(store.findDeliveries(message.id())).singleElement()
			.satisfies((delivery) -> assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED));
	}

	// the JDK client sends asynchronously, Apache HttpClient 5 on a thread per request
	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components" })
	void requestStillInFlightAfterTheShutdownTimeoutIsReturnedToPending(String client) {
		this.receiver.answer("/gate", (request) -> Answer.status(200).delay(5000));
		ConfigurableApplicationContext context = run("webhook.outbound.shutdown-timeout=200ms",
				"spring.http.clients.imperative.factory=" + client);
		DeliveryStore store = context.getBean(DeliveryStore.class);
		WebhookMessage message = context.getBean(WebhookPublisher.class).publish("order.created", Map.of());
		await().until(() -> this.receiver.hits("/gate") == 1);
		context.close();
		assertThat(store.findDeliveries(message.id())).singleElement().satisfies((delivery) -> {
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(delivery.attempts()).isZero();
		});
	}

	private ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			// the in-memory store can still be read once the application has stopped
			.properties("webhook.store=memory", "webhook.outbound.endpoints[0].name=gate",
					"webhook.outbound.endpoints[0].url=" + this.receiver.url("/gate"),
					"webhook.outbound.endpoints[0].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
					"webhook.outbound.endpoints[0].backoff=false")
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
