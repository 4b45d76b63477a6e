package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The URL policy, applied to a configured endpoint with {@code apply-to-static}, checks the
 * addresses its host resolves to before each attempt: a host that resolves to a loopback
 * address is never sent to, each attempt failing with the policy's reason and retried on the
 * back-off, unless private addresses are allowed. The endpoint is {@code localhost}, a name,
 * which passes the check at startup that a literal 127.0.0.1 would fail.
 */
class UrlPolicyIntegrationTests {

	private final TestReceiver receiver = TestReceiver.start();

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	// the JDK client sends asynchronously, Apache HttpClient 5 on a thread per request
	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components" })
	void hostResolvingToAPrivateAddressIsNeverSentTo(String client) {
		try (ConfigurableApplicationContext context = run(client, "webhook.outbound.url-policy.allow-private=false")) {
			DeliveryStore store = context.getBean(DeliveryStore.class);
			WebhookMessage message = context.getBean(WebhookPublisher.class).publish("order.created", Map.of());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(store.findDeliveries(message.id())).singleElement()
					.extracting(Delivery::status)
					.isEqualTo(DeliveryStatus.FAILED));
			Delivery delivery = store.findDeliveries(message.id()).get(0);
			assertThat(store.findAttempts(delivery.id())).hasSize(2).allSatisfy((attempt) -> {
				assertThat(attempt.statusCode()).isNull();
				assertThat(attempt.error()).startsWith("refused by the URL policy: localhost resolves to ")
					.endsWith(", a loopback address");
			});
			assertThat(this.receiver.hits("/hook")).isZero();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components" })
	void hostResolvingToAPrivateAddressIsSentToWhenAllowed(String client) {
		try (ConfigurableApplicationContext context = run(client, "webhook.outbound.url-policy.allow-private=true")) {
			DeliveryStore store = context.getBean(DeliveryStore.class);
			WebhookMessage message = context.getBean(WebhookPublisher.class).publish("order.created", Map.of());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(store.findDeliveries(message.id())).singleElement()
					.extracting(Delivery::status)
					.isEqualTo(DeliveryStatus.DELIVERED));
			assertThat(this.receiver.hits("/hook")).isOne();
		}
	}

	private ConfigurableApplicationContext run(String client, String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("webhook.store=memory", "spring.http.clients.imperative.factory=" + client,
					"webhook.outbound.poll-interval=20ms", "webhook.outbound.url-policy.apply-to-static=true",
					"webhook.outbound.url-policy.https-only=false", "webhook.outbound.endpoints[0].name=local",
					"webhook.outbound.endpoints[0].url=" + this.receiver.url("/hook").replace("127.0.0.1", "localhost"),
					"webhook.outbound.endpoints[0].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
					"webhook.outbound.endpoints[0].backoff.intervals=50ms",
					"webhook.outbound.endpoints[0].backoff.jitter=0")
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
