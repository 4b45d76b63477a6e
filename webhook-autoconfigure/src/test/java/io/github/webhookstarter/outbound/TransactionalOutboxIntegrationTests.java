package io.github.webhookstarter.outbound;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.webhookstarter.store.jdbc.JdbcDeliveryStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * With a {@code DataSource}, a webhook published inside a transaction is written with that
 * transaction (the transactional outbox): committed with it, sent once it is committed, gone
 * with it when it rolls back.
 */
@SpringBootTest(classes = TransactionalOutboxIntegrationTests.TestApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:outbox;DB_CLOSE_DELAY=-1",
				"webhook.outbound.poll-interval=50ms" })
class TransactionalOutboxIntegrationTests {

	static final TestReceiver receiver = TestReceiver.start();

	@Autowired
	WebhookPublisher publisher;

	@Autowired
	DeliveryStore store;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void endpoint(DynamicPropertyRegistry registry) {
		registry.add("webhook.outbound.endpoints[0].name", () -> "sink");
		registry.add("webhook.outbound.endpoints[0].url", () -> receiver.url("/sink"));
		registry.add("webhook.outbound.endpoints[0].secret", () -> "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void setUp() {
		receiver.reset();
		this.jdbc.execute("create table if not exists orders(id varchar(50) primary key)");
	}

	@Test
	void storeIsJdbc() {
		assertThat(this.store).isInstanceOf(JdbcDeliveryStore.class);
	}

	@Test
	void commitWritesOneMessageAndItsDeliveriesWithTheTransactionAndSendsAfterIt() {
		WebhookMessage message = this.transactions.execute((status) -> {
			this.jdbc.update("insert into orders(id) values ('o-commit')");
			WebhookMessage published = this.publisher.publish("order.created", Map.of("id", "o-commit"));
			// written inside the transaction: visible to it, not sent before the commit
			assertThat(count("webhook_message", published)).isOne();
			assertThat(receiver.hits("/sink")).isZero();
			return published;
		});
		assertThat(count("webhook_message", message)).isOne();
		assertThat(this.jdbc.queryForObject("select count(*) from webhook_delivery where message_id = ?",
				Integer.class, message.id()))
			.isOne();
		await().until(() -> receiver.received("/sink").size() == 1);
		assertThat(receiver.received("/sink").get(0).bodyAsString()).contains("o-commit");
	}

	@Test
	void rollbackLeavesNothing() {
		WebhookMessage[] published = new WebhookMessage[1];
		this.transactions.executeWithoutResult((status) -> {
			published[0] = this.publisher.publish("order.created", Map.of("id", "o-rollback"));
			status.setRollbackOnly();
		});
		assertThat(count("webhook_message", published[0])).isZero();
		assertThat(this.store.findDeliveries(published[0].id())).isEmpty();
	}

	@Test
	void exceptionAfterThePublishInsideTheTransactionLeavesNothing() throws Exception {
		WebhookMessage[] published = new WebhookMessage[1];
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			published[0] = this.publisher.publish("order.created", Map.of("id", "o-failed"));
			this.jdbc.update("insert into orders(id) values ('o-failed')");
			throw new IllegalStateException("payment declined");
		}));
		assertThat(count("webhook_message", published[0])).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from orders where id = 'o-failed'", Integer.class))
			.isZero();
		Thread.sleep(300);
		assertThat(receiver.hits("/sink")).isZero();
	}

	private int count(String table, WebhookMessage message) {
		return this.jdbc.queryForObject("select count(*) from " + table + " where id = ?", Integer.class,
				message.id());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
