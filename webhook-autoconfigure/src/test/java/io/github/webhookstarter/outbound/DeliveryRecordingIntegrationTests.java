package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
 * Attempts that finish while others are being recorded are recorded together, in one call of
 * {@link DeliveryStore#recordAttempts}, rather than one call each: with the JDBC store, one
 * transaction for the batch.
 */
@SpringBootTest(classes = DeliveryRecordingIntegrationTests.TestApplication.class,
		properties = "spring.http.clients.imperative.factory=jdk")
// its store holds batches back: no other test may share the context
@DirtiesContext
class DeliveryRecordingIntegrationTests {

	static final TestReceiver receiver = TestReceiver.start();

	@Autowired
	WebhookPublisher publisher;

	@Autowired
	BatchRecordingStore store;

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
	void attemptsThatFinishWhileABatchIsRecordedAreRecordedTogether() throws Exception {
		for (int i = 0; i < 10; i++) {
			this.publisher.publish("order.created", Map.of("n", i));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.hits("/sink") == 10);
		// every attempt has finished; the first batch is still being recorded
		assertThat(this.store.firstBatchStarted.await(10, TimeUnit.SECONDS)).isTrue();
		Thread.sleep(200);
		assertThat(this.store.batchSizes).hasSize(1);
		this.store.releaseFirstBatch.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.countUnfinished() == 0);
		assertThat(this.store.batchSizes).hasSize(2);
		assertThat(this.store.batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		BatchRecordingStore deliveryStore() {
			return new BatchRecordingStore();
		}

	}

	/**
	 * The in-memory store, holding its first batch back until released, and noting the size
	 * of every batch.
	 */
	static class BatchRecordingStore extends InMemoryDeliveryStore {

		final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

		final CountDownLatch firstBatchStarted = new CountDownLatch(1);

		final CountDownLatch releaseFirstBatch = new CountDownLatch(1);

		@Override
		public Set<String> recordAttempts(List<AttemptRecord> attempts) {
			this.batchSizes.add(attempts.size());
			if (this.batchSizes.size() == 1) {
				this.firstBatchStarted.countDown();
				try {
					this.releaseFirstBatch.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return super.recordAttempts(attempts);
		}

	}

}
