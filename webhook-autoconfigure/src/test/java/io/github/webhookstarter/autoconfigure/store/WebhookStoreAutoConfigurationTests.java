package io.github.webhookstarter.autoconfigure.store;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationFailureAnalyzer;
import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundStoreFullException;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.DeliveryStoreFullException;
import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.store.StorePurger;
import io.github.webhookstarter.store.jdbc.JdbcDeliveryStore;
import io.github.webhookstarter.store.jdbc.JdbcEndpointStateStore;
import io.github.webhookstarter.store.jdbc.JdbcInboundStore;
import io.github.webhookstarter.store.jdbc.JdbcSubscriptionStore;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;
import io.github.webhookstarter.store.memory.InMemoryEndpointStateStore;
import io.github.webhookstarter.store.memory.InMemoryInboundStore;
import io.github.webhookstarter.store.memory.InMemorySubscriptionStore;
import io.github.webhookstarter.subscription.SecretCodec;
import io.github.webhookstarter.subscription.Subscription;
import io.github.webhookstarter.subscription.SubscriptionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebhookStoreAutoConfiguration}.
 */
class WebhookStoreAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhookStoreAutoConfiguration.class))
		.withPropertyValues("webhook.subscriptions.enabled=true");

	@Test
	void noSubscriptionStoreWithoutSubscriptions() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebhookStoreAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DeliveryStore.class)
				.doesNotHaveBean(SubscriptionStore.class));
	}

	@Test
	void storesAreInMemoryWithoutADataSource() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(InboundStore.class).isInstanceOf(InMemoryInboundStore.class);
			assertThat(context).getBean(DeliveryStore.class).isInstanceOf(InMemoryDeliveryStore.class);
			assertThat(context).getBean(EndpointStateStore.class).isInstanceOf(InMemoryEndpointStateStore.class);
			assertThat(context).getBean(SubscriptionStore.class).isInstanceOf(InMemorySubscriptionStore.class);
		});
	}

	@Test
	void inMemoryStoresHoldAsManyCallsAndDeliveriesAsConfigured() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.memory.max-calls=2", "webhook.outbound.memory.max-deliveries=2")
			.run((context) -> {
				InboundStore inboundStore = context.getBean(InboundStore.class);
				inboundStore.savePending(call());
				inboundStore.savePending(call());
				assertThatExceptionOfType(InboundStoreFullException.class)
					.isThrownBy(() -> inboundStore.savePending(call()));
				DeliveryStore deliveryStore = context.getBean(DeliveryStore.class);
				deliveryStore.save(message(), List.of("a", "b"));
				assertThatExceptionOfType(DeliveryStoreFullException.class)
					.isThrownBy(() -> deliveryStore.save(message(), List.of("a")));
			});
	}

	@Test
	void inMemoryStoresThatHoldNothingFailWithAnalysis() {
		this.contextRunner.withPropertyValues("webhook.outbound.memory.max-deliveries=0").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidWebhookConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.contains("'webhook.outbound.memory.max-deliveries' is 0, but the store must hold something");
			assertThat(analysis.getAction()).isEqualTo("Set 'webhook.outbound.memory.max-deliveries' to a number of "
					+ "at least 1.");
		});
	}

	@Test
	void storesAreJdbcWithADataSourceAndTheirTablesAreCreated() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-selection")
			.run((context) -> {
				assertThat(context).getBean(InboundStore.class).isInstanceOf(JdbcInboundStore.class);
				assertThat(context).getBean(DeliveryStore.class).isInstanceOf(JdbcDeliveryStore.class);
				assertThat(context).getBean(EndpointStateStore.class).isInstanceOf(JdbcEndpointStateStore.class);
				assertThat(context).getBean(SubscriptionStore.class).isInstanceOf(JdbcSubscriptionStore.class);
				assertThat(context).hasSingleBean(WebhookDataSourceScriptDatabaseInitializer.class);
				assertThat(context.getBean(DeliveryStore.class).countUnfinished()).isZero();
				assertThat(context.getBean(EndpointStateStore.class).findDisabled()).isEmpty();
				assertThat(context.getBean(SubscriptionStore.class).create(subscription()).version()).isOne();
			});
	}

	@Test
	void storesAreInMemoryWithADataSourceWhenAskedTo() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-memory", "webhook.store=memory")
			.run((context) -> {
				assertThat(context).getBean(InboundStore.class).isInstanceOf(InMemoryInboundStore.class);
				assertThat(context).getBean(DeliveryStore.class).isInstanceOf(InMemoryDeliveryStore.class);
				assertThat(context).getBean(EndpointStateStore.class)
					.isInstanceOf(InMemoryEndpointStateStore.class);
				assertThat(context).getBean(SubscriptionStore.class).isInstanceOf(InMemorySubscriptionStore.class);
				assertThat(context).doesNotHaveBean(WebhookDataSourceScriptDatabaseInitializer.class);
			});
	}

	@Test
	void applicationStoresReplaceTheDefaults() {
		this.contextRunner.withBean("myInboundStore", InboundStore.class, InMemoryInboundStore::new)
			.withBean("myDeliveryStore", DeliveryStore.class, InMemoryDeliveryStore::new)
			.withBean("myEndpointStateStore", EndpointStateStore.class, InMemoryEndpointStateStore::new)
			.withBean("mySubscriptionStore", SubscriptionStore.class, InMemorySubscriptionStore::new)
			.run((context) -> {
				assertThat(context).getBean(InboundStore.class).isSameAs(context.getBean("myInboundStore"));
				assertThat(context).getBean(DeliveryStore.class).isSameAs(context.getBean("myDeliveryStore"));
				assertThat(context).getBean(EndpointStateStore.class)
					.isSameAs(context.getBean("myEndpointStateStore"));
				assertThat(context).getBean(SubscriptionStore.class)
					.isSameAs(context.getBean("mySubscriptionStore"));
			});
	}

	@Test
	void applicationSubscriptionStoreReplacesTheJdbcOne() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-subscriptions-own")
			.withBean("mySubscriptionStore", SubscriptionStore.class, InMemorySubscriptionStore::new)
			.run((context) -> {
				assertThat(context).getBean(SubscriptionStore.class)
					.isSameAs(context.getBean("mySubscriptionStore"));
				assertThat(context).getBean(DeliveryStore.class).isInstanceOf(JdbcDeliveryStore.class);
			});
	}

	@Test
	void jdbcSubscriptionStoreStoresSecretsAsGivenWithoutASecretCodec() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-subscriptions-plain")
			.run((context) -> {
				context.getBean(SubscriptionStore.class).create(subscription());
				assertThat(storedSecret(new JdbcTemplate(context.getBean(DataSource.class)))).isEqualTo("s3cr3t");
			});
	}

	@Test
	void jdbcSubscriptionStoreEncodesSecretsWithTheApplicationSecretCodec() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-subscriptions-codec")
			.withBean(SecretCodec.class, UpperCaseTaggingCodec::new)
			.run((context) -> {
				SubscriptionStore store = context.getBean(SubscriptionStore.class);
				store.create(subscription());
				assertThat(storedSecret(new JdbcTemplate(context.getBean(DataSource.class)))).isEqualTo("ENC(S3CR3T)");
				assertThat(store.find("a").orElseThrow().secret()).isEqualTo("s3cr3t");
			});
	}

	@Test
	void jdbcSubscriptionStoreUsesTheConfiguredTablePrefix() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:store-subscriptions-prefix",
					"webhook.jdbc.table-prefix=other_", "webhook.jdbc.initialize-schema=never")
			.run((context) -> {
				SubscriptionStore store = context.getBean(SubscriptionStore.class);
				assertThatExceptionOfType(BadSqlGrammarException.class)
					.isThrownBy(() -> store.findChanges(0))
					.withMessageContaining("other_subscription");
			});
	}

	private static Subscription subscription() {
		Instant now = Instant.parse("2026-03-01T10:00:00Z");
		return new Subscription("a", "alice", URI.create("https://example.com/hooks"), List.of("order.*"), null,
				"s3cr3t", null, null, Map.of(), "standard", 0, false, now, now, 0);
	}

	private static String storedSecret(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT secret FROM webhook_subscription WHERE id = 'a'", String.class);
	}

	/**
	 * A codec whose encoding shows in the table.
	 */
	static class UpperCaseTaggingCodec implements SecretCodec {

		@Override
		public String encode(String secret) {
			return "ENC(" + secret.toUpperCase(Locale.ROOT) + ")";
		}

		@Override
		public String decode(String stored) {
			return stored.substring(4, stored.length() - 1).toLowerCase(Locale.ROOT);
		}

	}

	@Test
	void storePurgerPurgesAfterTheRetention() {
		Instant now = Instant.parse("2026-03-01T10:00:00Z");
		this.contextRunner.withPropertyValues("webhook.retention=1h")
			.withBean(Clock.class, () -> Clock.fixed(now, ZoneOffset.UTC))
			.run((context) -> {
				assertThat(context).hasSingleBean(StorePurger.class);
				StorePurger purger = context.getBean(StorePurger.class);
				assertThat(purger.isRunning()).isTrue();
				InboundStore inboundStore = context.getBean(InboundStore.class);
				DeliveryStore deliveryStore = context.getBean(DeliveryStore.class);
				String oldCall = processedCall(inboundStore, now.minus(Duration.ofMinutes(61)));
				String recentCall = processedCall(inboundStore, now.minus(Duration.ofMinutes(59)));
				deliveryStore.save(new WebhookMessage("msg_old", "order.created", now.minus(Duration.ofMinutes(61)),
						new byte[0]), List.of());
				deliveryStore.save(new WebhookMessage("msg_recent", "order.created",
						now.minus(Duration.ofMinutes(59)), new byte[0]), List.of());
				ReflectionTestUtils.invokeMethod(purger, "purgeNow");
				assertThat(inboundStore.find(oldCall)).isEmpty();
				assertThat(inboundStore.find(recentCall)).isPresent();
				assertThat(deliveryStore.findMessage("msg_old")).isEmpty();
				assertThat(deliveryStore.findMessage("msg_recent")).isPresent();
			});
	}

	private static String processedCall(InboundStore store, Instant receivedAt) {
		InboundCall call = new InboundCall(UUID.randomUUID().toString(), "github", "push", null, new HttpHeaders(),
				"{}".getBytes(StandardCharsets.UTF_8), null, receivedAt);
		store.saveClaimed(call, receivedAt.plusSeconds(60));
		store.markProcessed(call.id(), 1, receivedAt);
		return call.id();
	}

	@Test
	void applicationStorePurgerReplacesTheDefault() {
		this.contextRunner
			.withBean("myStorePurger", StorePurger.class, () -> new StorePurger(null, null, Duration.ofDays(1),
					Clock.systemUTC()))
			.run((context) -> assertThat(context).getBean(StorePurger.class)
				.isSameAs(context.getBean("myStorePurger")));
	}

	@Test
	void jdbcStoreWithoutADataSourceFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("webhook.store=jdbc").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidWebhookConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'webhook.store' is jdbc, but the application has no");
			assertThat(analysis.getAction()).contains("spring.datasource.url");
		});
	}

	private static InboundCall call() {
		return new InboundCall(UUID.randomUUID().toString(), "github", "push", null, new HttpHeaders(),
				"{}".getBytes(StandardCharsets.UTF_8), null, Instant.now());
	}

	private static WebhookMessage message() {
		return new WebhookMessage(UUID.randomUUID().toString(), "order.created", Instant.now(), new byte[0]);
	}

}
