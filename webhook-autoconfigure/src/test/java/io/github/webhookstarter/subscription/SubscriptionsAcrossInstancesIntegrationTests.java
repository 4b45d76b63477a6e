package io.github.webhookstarter.subscription;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.webhookstarter.outbound.TestReceiver;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.WebhookPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application on one database (H2, shared in memory) with the default
 * poll interval: a subscription created, changed or deleted through one is seen by the other
 * within the poll interval, and a {@code 410 Gone} that one receives deactivates the
 * subscription for both.
 */
class SubscriptionsAcrossInstancesIntegrationTests {

	// the default webhook.outbound.poll-interval
	private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	private final TestReceiver receiver = TestReceiver.start();

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void anotherInstancesChangesAreSeenWithinThePollInterval() throws Exception {
		try (ConfigurableApplicationContext first = run("across-instances");
				ConfigurableApplicationContext second = run("across-instances")) {
			WebhookSubscriptions subscriptions = first.getBean(WebhookSubscriptions.class);
			Subscription subscription = subscriptions.create("alice",
					SubscriptionRequest.of(URI.create(this.receiver.url("/orders")), "order.*"));
			WebhookEndpoints secondEndpoints = second.getBean(WebhookEndpoints.class);
			await().atMost(POLL_INTERVAL.plusMillis(500)).until(() -> secondEndpoints.get(subscription.id()) != null);

			second.getBean(WebhookPublisher.class).publish("order.created", Map.of("id", 7));
			await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.hits("/orders") == 1);
			TestReceiver.Received received = this.receiver.received("/orders").get(0);
			new Webhook(subscription.secret()).verify(received.bodyAsString(), received.headerMap());

			subscriptions.update("alice", subscription.id(),
					new SubscriptionRequest(null, java.util.List.of("invoice.*"), null, null, null, null, null, null));
			await().atMost(POLL_INTERVAL.plusMillis(500))
				.until(() -> secondEndpoints.getSubscribers(io.github.webhookstarter.outbound.EventPhase.AFTER,
						"order.created").isEmpty());

			subscriptions.delete("alice", subscription.id());
			await().atMost(POLL_INTERVAL.plusMillis(500)).until(() -> secondEndpoints.get(subscription.id()) == null);
		}
	}

	@Test
	void goneReceivedByOneInstanceDeactivatesTheSubscriptionForBoth() {
		this.receiver.answer("/gone", (request) -> TestReceiver.Answer.status(410));
		try (ConfigurableApplicationContext first = run("gone-across-instances");
				ConfigurableApplicationContext second = run("gone-across-instances")) {
			Subscription subscription = first.getBean(WebhookSubscriptions.class)
				.create("alice", SubscriptionRequest.of(URI.create(this.receiver.url("/gone")), "gone.*"));
			WebhookEndpoints secondEndpoints = second.getBean(WebhookEndpoints.class);
			await().atMost(POLL_INTERVAL.plusMillis(500)).until(() -> secondEndpoints.get(subscription.id()) != null);
			second.getBean(WebhookPublisher.class).publish("gone.tested", Map.of());
			await().atMost(Duration.ofSeconds(5))
				.until(() -> !first.getBean(WebhookEndpoints.class).isEnabled(subscription.id()));
			assertThat(secondEndpoints.isEnabled(subscription.id())).isFalse();
			assertThat(first.getBean(WebhookSubscriptions.class).getState(subscription.id()).disabledReason())
				.contains("410");
		}
	}

	private ConfigurableApplicationContext run(String database) {
		return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
					"webhook.subscriptions.enabled=true", "webhook.outbound.url-policy.https-only=false", "webhook.outbound.url-policy.allow-private=true")
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
