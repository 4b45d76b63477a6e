package io.github.webhookstarter.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backlog found due in the store, such as one left by an instance that stopped, is claimed no
 * faster than its endpoint has room for: none of it is claimed only to be released again.
 */
@SpringBootTest(classes = DueDeliveriesIntegrationTests.TestApplication.class,
		properties = { "spring.http.clients.imperative.factory=jdk", "webhook.outbound.max-concurrency=64",
				"webhook.outbound.max-concurrency-per-endpoint=2" })
@DirtiesContext
class DueDeliveriesIntegrationTests {

	static final TestReceiver receiver = TestReceiver.start();

	@Autowired
	CountingStore store;

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
	void backlogIsClaimedAsTheEndpointHasRoomAndNothingIsReleased() {
		await().atMost(Duration.ofSeconds(20)).until(() -> receiver.hits("/sink") == 20);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.store.countUnfinished() == 0);
		assertThat(this.store.largestClaim.get()).isBetween(1, 2);
		assertThat(this.store.released.get()).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		CountingStore deliveryStore() {
			receiver.answer("/sink", (request) -> TestReceiver.Answer.status(204).delay(100));
			CountingStore store = new CountingStore();
			// stored before the dispatcher starts, as by an instance that has stopped since
			for (int i = 0; i < 20; i++) {
				store.save(new WebhookMessage("msg_" + i, "order.created", Instant.now(),
						("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)), List.of("sink"));
			}
			return store;
		}

	}

	/**
	 * The in-memory store, counting the largest claim of due deliveries and the releases.
	 */
	static class CountingStore extends InMemoryDeliveryStore {

		final AtomicInteger largestClaim = new AtomicInteger();

		final AtomicInteger released = new AtomicInteger();

		@Override
		public List<ClaimedDelivery> claimDue(Instant now, int limit, Duration lease, Set<String> orderedEndpoints,
				Set<String> claimableEndpoints) {
			List<ClaimedDelivery> claimed = super.claimDue(now, limit, lease, orderedEndpoints, claimableEndpoints);
			this.largestClaim.accumulateAndGet(claimed.size(), Math::max);
			return claimed;
		}

		@Override
		public void release(Collection<String> deliveryIds) {
			this.released.addAndGet(deliveryIds.size());
			super.release(deliveryIds);
		}

	}

}
