package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attempts whose results the store cannot take, as while its database restarts, are recorded
 * once it answers again, within their leases: the webhooks are not sent a second time.
 */
@SpringBootTest(classes = UnrecordedAttemptsIntegrationTests.TestApplication.class,
		properties = { "spring.http.clients.imperative.factory=jdk", "webhook.outbound.poll-interval=100ms" })
// its store fails on demand: no other test may share the context
@DirtiesContext
class UnrecordedAttemptsIntegrationTests {

	static final TestReceiver receiver = TestReceiver.start();

	@Autowired
	WebhookPublisher publisher;

	@Autowired
	FailingStore store;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("webhook.outbound.endpoints[0].name", () -> "sink");
		registry.add("webhook.outbound.endpoints[0].url", () -> receiver.url("/sink"));
		registry.add("webhook.outbound.endpoints[0].secret", () -> "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void attemptsAreRecordedOnceTheStoreAnswersAgainAndNotMadeTwice() throws Exception {
		this.store.down = true;
		List<WebhookMessage> messages = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			messages.add(this.publisher.publish("order.created", Map.of("n", i)));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> receiver.hits("/sink") == 5);
		// several polls, each trying to record them again
		Thread.sleep(1000);
		assertThat(deliveries(messages)).extracting(Delivery::status).containsOnly(DeliveryStatus.IN_FLIGHT);
		this.store.down = false;
		// well within the 30 s lease, after which they would be claimed and sent again
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(deliveries(messages)).extracting(Delivery::status)
				.containsOnly(DeliveryStatus.DELIVERED));
		assertThat(deliveries(messages)).allSatisfy((delivery) -> assertThat(this.store.findAttempts(delivery.id()))
			.singleElement()
			.satisfies((attempt) -> assertThat(attempt.statusCode()).isEqualTo(200)));
		assertThat(receiver.hits("/sink")).isEqualTo(5);
	}

	private List<Delivery> deliveries(List<WebhookMessage> messages) {
		return messages.stream().flatMap((message) -> this.store.findDeliveries(message.id()).stream()).toList();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		FailingStore deliveryStore() {
			return new FailingStore();
		}

	}

	/**
	 * The in-memory store, failing to record attempts while it is down.
	 */
	static class FailingStore extends InMemoryDeliveryStore {

		volatile boolean down;

		@Override
		public Set<String> recordAttempts(List<AttemptRecord> attempts) {
			if (this.down) {
				throw new TransientDataAccessResourceException("Connection reset");
			}
			return super.recordAttempts(attempts);
		}

	}

}
