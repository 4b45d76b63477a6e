package io.github.webhookstarter.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.store.jdbc.JdbcDeliveryStore;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A {@code @WebhookEvent} published while a transaction completes, from the callbacks that
 * application code and other libraries register (a {@link TransactionSynchronization}, a
 * {@link TransactionalEventListener} of any phase), is delivered once, at once, with the
 * in-memory store and with the JDBC store on the application's {@code DataSource}. The poll
 * interval is long, so that only the publisher's wake-up sends it in time.
 */
class PublishingWhileTransactionCompletesIntegrationTests {

	static final TestReceiver receiver = TestReceiver.start();

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Nested
	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.datasource.url=jdbc:h2:mem:publishing-memory;DB_CLOSE_DELAY=-1",
					"webhook.store=memory", "webhook.outbound.poll-interval=10m" })
	class InMemoryStore extends Publishing {

		@Test
		void storeIsInMemory() {
			assertThat(this.store).isInstanceOf(InMemoryDeliveryStore.class);
		}

	}

	@Nested
	@SpringBootTest(classes = TestApplication.class,
			properties = { "spring.datasource.url=jdbc:h2:mem:publishing-jdbc;DB_CLOSE_DELAY=-1",
					"webhook.outbound.poll-interval=10m" })
	class JdbcStoreOnTheSameDataSource extends Publishing {

		@Autowired
		JdbcTemplate jdbc;

		@Test
		void storeIsJdbc() {
			assertThat(this.store).isInstanceOf(JdbcDeliveryStore.class);
		}

		@ParameterizedTest
		@ValueSource(booleans = { true, false })
		void publishedWhileTheTransactionCompletesIsCommittedWhenThePublishReturns(boolean afterCommit) {
			int[] committed = new int[1];
			this.transactions.executeWithoutResult((status) -> TransactionSynchronizationManager
				.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCommit() {
						if (afterCommit) {
							committed[0] = publishAndCountCommitted("committed-" + afterCommit);
						}
					}

					@Override
					public void afterCompletion(int completionStatus) {
						if (!afterCommit) {
							committed[0] = publishAndCountCommitted("committed-" + afterCommit);
						}
					}

				}));
			assertThat(committed[0]).isOne();
			assertDeliveredOnce("committed-" + afterCommit);
		}

		// counted on another thread, on a connection of its own: what the dispatcher sees
		private int publishAndCountCommitted(String id) {
			int before = countCommittedMessages();
			publish(id);
			return countCommittedMessages() - before;
		}

		private int countCommittedMessages() {
			return CompletableFuture
				.supplyAsync(() -> this.jdbc.queryForObject("select count(*) from webhook_message", Integer.class))
				.join();
		}

	}

	abstract static class Publishing {

		@Autowired
		DeliveryStore store;

		@Autowired
		TransactionTemplate transactions;

		@Autowired
		ApplicationEventPublisher events;

		@DynamicPropertySource
		static void endpoint(DynamicPropertyRegistry registry) {
			registry.add("webhook.outbound.endpoints[0].name", () -> "sink");
			registry.add("webhook.outbound.endpoints[0].url", () -> receiver.url("/sink"));
			registry.add("webhook.outbound.endpoints[0].secret", () -> "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
		}

		@BeforeEach
		void resetReceiver() {
			receiver.reset();
		}

		@Test
		void publishedFromAnAfterCommitCallbackIsDeliveredOnce() {
			this.transactions.executeWithoutResult((status) -> afterCommit(() -> publish("after-commit")));
			assertDeliveredOnce("after-commit");
		}

		@Test
		void publishedFromAnAfterCompletionCallbackIsDeliveredOnce() {
			this.transactions.executeWithoutResult((status) -> TransactionSynchronizationManager
				.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCompletion(int completionStatus) {
						publish("after-completion");
					}

				}));
			assertDeliveredOnce("after-completion");
		}

		@ParameterizedTest
		@EnumSource(TransactionPhase.class)
		void publishedFromATransactionalEventListenerIsDeliveredOnce(TransactionPhase phase) {
			String id = "listener-" + phase;
			this.transactions.executeWithoutResult((status) -> {
				this.events.publishEvent(new OrderClosed(id, phase, false));
				if (phase == TransactionPhase.AFTER_ROLLBACK) {
					status.setRollbackOnly();
				}
			});
			assertDeliveredOnce(id);
		}

		@Test
		void publishedBeforeCommitOfATransactionThatThenRollsBackIsNotDelivered() {
			assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult(
					(status) -> this.events.publishEvent(new OrderClosed("rolled-back", TransactionPhase.BEFORE_COMMIT,
							true))));
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
				.until(() -> deliveries("rolled-back") == 0);
			// nor stored, to be sent at a poll: the next one is minutes away
			assertThat(this.store.findDeliveries(null, null, 10_000))
				.map((delivery) -> this.store.findMessage(delivery.messageId())
					.map((message) -> new String(message.body(), StandardCharsets.UTF_8))
					.orElse(""))
				.noneMatch((body) -> body.contains("\"rolled-back\""));
		}

		void publish(String id) {
			this.events.publishEvent(new OrderShipped(id));
		}

		static void afterCommit(Runnable action) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					action.run();
				}

			});
		}

		// by id, as a webhook another test lost may turn up at any wake-up
		static void assertDeliveredOnce(String id) {
			await().until(() -> deliveries(id) == 1);
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> deliveries(id) == 1);
		}

		static long deliveries(String id) {
			return receiver.received("/sink")
				.stream()
				.filter((request) -> request.bodyAsString().contains("\"" + id + "\""))
				.count();
		}

	}

	@WebhookEvent("order.shipped")
	record OrderShipped(String id) {

	}

	/**
	 * Closes an order: the listener of {@code phase} publishes {@link OrderShipped}, and
	 * another before-commit listener after it fails when {@code failBeforeCommit}.
	 */
	record OrderClosed(String id, TransactionPhase phase, boolean failBeforeCommit) {

	}

	static class OrderListeners {

		private final ApplicationEventPublisher events;

		OrderListeners(ApplicationEventPublisher events) {
			this.events = events;
		}

		@Order(1)
		@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
		void beforeCommit(OrderClosed event) {
			publishIn(TransactionPhase.BEFORE_COMMIT, event);
		}

		@Order(2)
		@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
		void failBeforeCommit(OrderClosed event) {
			if (event.failBeforeCommit()) {
				throw new IllegalStateException("payment declined");
			}
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
		void afterCommit(OrderClosed event) {
			publishIn(TransactionPhase.AFTER_COMMIT, event);
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
		void afterRollback(OrderClosed event) {
			publishIn(TransactionPhase.AFTER_ROLLBACK, event);
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_COMPLETION)
		void afterCompletion(OrderClosed event) {
			publishIn(TransactionPhase.AFTER_COMPLETION, event);
		}

		private void publishIn(TransactionPhase phase, OrderClosed event) {
			if (event.phase() == phase) {
				this.events.publishEvent(new OrderShipped(event.id()));
			}
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(OrderListeners.class)
	static class TestApplication {

	}

}
