package io.github.webhookstarter.outbound;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.standardwebhooks.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.outbound.TestReceiver.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The outbound side end to end: application events become signed webhooks delivered to real
 * receivers on local ports, with retries, Retry-After, 410, timeouts, isolation, before-phase
 * cancellation, transactions, ordering and compression.
 */
@SpringBootTest(classes = OutboundDeliveryIntegrationTests.TestApplication.class,
		properties = { "webhook.outbound.poll-interval=50ms", "webhook.store=memory" })
class OutboundDeliveryIntegrationTests {

	static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final TestReceiver receiver = TestReceiver.start();

	@Autowired
	ApplicationEventPublisher applicationEvents;

	@Autowired
	WebhookPublisher webhookPublisher;

	@Autowired
	DeliveryStore store;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	LibraryEvents libraryEvents;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		endpoint(registry, 0, "orders", "/orders", "order.*,invoice.*");
		registry.add("webhook.outbound.endpoints[0].secret", () -> STANDARD_SECRET);
		registry.add("webhook.outbound.endpoints[0].headers.X-Tenant", () -> "acme");
		endpoint(registry, 1, "copy", "/copy", "order.created");
		registry.add("webhook.outbound.endpoints[1].signature", () -> "github");
		registry.add("webhook.outbound.endpoints[1].secret", () -> "gh-secret");
		registry.add("webhook.outbound.endpoints[1].compression", () -> "gzip");
		endpoint(registry, 2, "flaky", "/flaky", "flaky.*");
		fastRetries(registry, 2);
		endpoint(registry, 3, "gone", "/gone", "gone.*");
		registry.add("webhook.outbound.endpoints[3].disable-on-gone", () -> "true");
		endpoint(registry, 4, "limited", "/limited", "limited.*");
		fastRetries(registry, 4);
		endpoint(registry, 5, "slow", "/slow", "load.*");
		registry.add("webhook.outbound.endpoints[5].timeout", () -> "2s");
		registry.add("webhook.outbound.endpoints[5].backoff", () -> "false");
		endpoint(registry, 6, "dead", "/dead", "load.*");
		registry.add("webhook.outbound.endpoints[6].url", () -> "http://127.0.0.1:1/dead");
		registry.add("webhook.outbound.endpoints[6].backoff", () -> "false");
		endpoint(registry, 7, "healthy", "/healthy", "load.*");
		endpoint(registry, 8, "gate", "/gate", "before:order.refund");
		endpoint(registry, 9, "seq", "/seq", "seq.*");
		registry.add("webhook.outbound.endpoints[9].ordered", () -> "true");
		fastRetries(registry, 9);
		endpoint(registry, 10, "br", "/br", "br.*");
		registry.add("webhook.outbound.endpoints[10].compression", () -> "br");
	}

	private static void endpoint(DynamicPropertyRegistry registry, int index, String name, String path,
			String events) {
		String prefix = "webhook.outbound.endpoints[" + index + "].";
		registry.add(prefix + "name", () -> name);
		registry.add(prefix + "url", () -> receiver.url(path));
		registry.add(prefix + "events", () -> events);
		registry.add(prefix + "secret", () -> STANDARD_SECRET);
	}

	private static void fastRetries(DynamicPropertyRegistry registry, int index) {
		String prefix = "webhook.outbound.endpoints[" + index + "].backoff.";
		registry.add(prefix + "intervals", () -> "50ms,50ms,50ms,50ms");
		registry.add(prefix + "jitter", () -> "0");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void setUp() {
		receiver.reset();
		this.libraryEvents.events.clear();
	}

	@Test
	void annotatedApplicationEventIsDeliveredSignedInTheStandardEnvelope() throws Exception {
		this.applicationEvents.publishEvent(new OrderCreated("o-1", new BigDecimal("12.50")));
		await().until(() -> receiver.received("/orders").size() == 1);
		TestReceiver.Received request = receiver.received("/orders").get(0);
		new Webhook(STANDARD_SECRET).verify(request.bodyAsString(), request.headerMap());
		assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
		assertThat(request.headers().getFirst("User-Agent")).startsWith("webhook-spring-boot/");
		assertThat(request.headers().getFirst("X-Tenant")).isEqualTo("acme");
		JsonNode body = JsonMapper.builder().build().readTree(request.body());
		assertThat(body.path("type").asString()).isEqualTo("order.created");
		assertThat(body.path("timestamp").asString()).isNotEmpty();
		assertThat(body.path("data").path("orderId").asString()).isEqualTo("o-1");
		assertThat(body.path("data").path("total").decimalValue()).isEqualByComparingTo("12.50");
	}

	@Test
	void publisherSendsWithoutAnnotationAndMessageIsStoredOnceForEveryEndpoint() throws Exception {
		WebhookMessage message = this.webhookPublisher.publish("order.created", Map.of("id", "o-2"));
		await().until(() -> receiver.received("/orders").size() == 1 && receiver.received("/copy").size() == 1);
		List<Delivery> deliveries = this.store.findDeliveries(message.id());
		assertThat(deliveries).extracting(Delivery::endpoint).containsExactlyInAnyOrder("orders", "copy");
		assertThat(deliveries).extracting(Delivery::messageId).containsOnly(message.id());
		await().untilAsserted(() -> assertThat(this.store.findDeliveries(message.id())).extracting(Delivery::status)
			.containsOnly(DeliveryStatus.DELIVERED));
		TestReceiver.Received copy = receiver.received("/copy").get(0);
		assertThat(copy.headers().getFirst("Content-Encoding")).isEqualTo("gzip");
		assertThat(copy.body()).isEqualTo(message.body()).isEqualTo(receiver.received("/orders").get(0).body());
		assertThat(copy.headers().getFirst("X-Hub-Signature-256")).isEqualTo("sha256=" + hmacHex("gh-secret", copy.body()));
		this.webhookPublisher.publish("unrelated.event", Map.of());
		assertThat(this.store.findMessage(message.id())).isPresent();
	}

	@Test
	void failuresAreRetriedAndEveryAttemptRecorded() throws Exception {
		receiver.answer("/flaky", (request) -> Answer.status((request.hit() <= 2) ? 500 : 200).body("hit " + request.hit()));
		WebhookMessage message = this.webhookPublisher.publish("flaky.one", Map.of("n", 1));
		Delivery delivery = awaitDelivery(message, DeliveryStatus.DELIVERED);
		List<DeliveryAttempt> attempts = this.store.findAttempts(delivery.id());
		assertThat(attempts).extracting(DeliveryAttempt::number).containsExactly(1, 2, 3);
		assertThat(attempts).extracting(DeliveryAttempt::statusCode).containsExactly(500, 500, 200);
		assertThat(attempts).extracting(DeliveryAttempt::responseExcerpt).containsExactly("hit 1", "hit 2", "hit 3");
		assertThat(this.libraryEvents.of(WebhookDeliveryFailed.class)).hasSize(2);
		assertThat(this.libraryEvents.of(WebhookDeliverySucceeded.class)).hasSize(1);
	}

	@Test
	void exhaustedAfterMaxAttempts() throws Exception {
		receiver.answer("/flaky", (request) -> Answer.status(503));
		WebhookMessage message = this.webhookPublisher.publish("flaky.two", Map.of("n", 2));
		Delivery delivery = awaitDelivery(message, DeliveryStatus.FAILED);
		assertThat(this.store.findAttempts(delivery.id())).hasSize(5).extracting(DeliveryAttempt::statusCode)
			.containsOnly(503);
		assertThat(delivery.attempts()).isEqualTo(5);
		await().untilAsserted(() -> assertThat(this.libraryEvents.of(WebhookDeliveryExhausted.class))
			.singleElement()
			.satisfies((exhausted) -> assertThat(exhausted.attempts()).isEqualTo(5)));
		receiver.answer("/flaky", (request) -> Answer.status(200));
		assertThat(this.store.retry(delivery.id(), java.time.Instant.now())).isTrue();
		awaitDelivery(message, DeliveryStatus.DELIVERED);
	}

	@Test
	void retryAfterIsHonoured() throws Exception {
		receiver.answer("/limited",
				(request) -> (request.hit() == 1) ? Answer.status(429).header("Retry-After", "1") : Answer.status(200));
		WebhookMessage message = this.webhookPublisher.publish("limited.one", Map.of());
		Delivery delivery = awaitDelivery(message, DeliveryStatus.DELIVERED);
		List<DeliveryAttempt> attempts = this.store.findAttempts(delivery.id());
		assertThat(attempts).extracting(DeliveryAttempt::statusCode).containsExactly(429, 200);
		// the back-off would have retried after 50ms
		assertThat(Duration.between(attempts.get(0).startedAt(), attempts.get(1).startedAt()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void goneDisablesTheEndpointAndWhatIsPublishedMeanwhileIsSentOnceItIsEnabled() throws Exception {
		receiver.answer("/gone", (request) -> Answer.status(410));
		WebhookMessage message = this.webhookPublisher.publish("gone.one", Map.of());
		awaitDelivery(message, DeliveryStatus.FAILED);
		assertThat(this.endpoints.isEnabled("gone")).isFalse();
		assertThat(this.libraryEvents.of(WebhookEndpointDisabled.class)).singleElement()
			.satisfies((disabled) -> assertThat(disabled.reason()).contains("410"));
		WebhookMessage next = this.webhookPublisher.publish("gone.two", Map.of());
		// several polls
		Thread.sleep(300);
		assertThat(this.store.findDeliveries(next.id())).singleElement().satisfies((delivery) -> {
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(delivery.attempts()).isZero();
		});
		assertThat(receiver.hits("/gone")).isEqualTo(1);
		receiver.answer("/gone", (request) -> Answer.status(200));
		assertThat(this.endpoints.enable("gone")).isTrue();
		awaitDelivery(next, DeliveryStatus.DELIVERED);
		assertThat(receiver.hits("/gone")).isEqualTo(2);
	}

	@Test
	void goneFailsTheDeliveryOfAStaticEndpointWithoutDisablingItUnlessItSaysSo() throws Exception {
		receiver.answer("/orders", (request) -> Answer.status(410));
		WebhookMessage message = this.webhookPublisher.publish("invoice.gone", Map.of());
		Delivery delivery = awaitDelivery(message, DeliveryStatus.FAILED);
		assertThat(this.store.findAttempts(delivery.id())).singleElement()
			.satisfies((attempt) -> assertThat(attempt.statusCode()).isEqualTo(410));
		assertThat(this.endpoints.isEnabled("orders")).isTrue();
		assertThat(this.libraryEvents.of(WebhookEndpointDisabled.class)).isEmpty();
		receiver.answer("/orders", (request) -> Answer.status(200));
		awaitDelivery(this.webhookPublisher.publish("invoice.after", Map.of()), DeliveryStatus.DELIVERED);
	}

	@Test
	void deliveryToAnEndpointThisInstanceDoesNotKnowStaysPendingForOneThatDoes() throws Exception {
		// stored by a newer instance that has one more endpoint, as during a rolling deployment
		Delivery delivery = this.store.save(new WebhookMessage("msg_added_later", "order.created",
				java.time.Instant.now(), "{}".getBytes(StandardCharsets.UTF_8)), List.of("added-later")).get(0);
		// several polls
		Thread.sleep(300);
		assertThat(this.store.findDelivery(delivery.id()).orElseThrow()).satisfies((stored) -> {
			assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(stored.attempts()).isZero();
		});
	}

	@Test
	void hangingAndRefusingEndpointsDoNotDelayHealthyOnes() throws Exception {
		receiver.answer("/slow", (request) -> Answer.status(200).delay(4000));
		List<String> messages = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 40; i++) {
			messages.add(this.webhookPublisher.publish("load.event", Map.of("i", i)).id());
		}
		// isolated, the 40 healthy deliveries take a few polls; waiting behind /slow, they would
		// take at least its 2 s timeout
		await().atMost(Duration.ofSeconds(2)).until(() -> receiver.received("/healthy").size() == 40);
		// every healthy delivery completed while the first requests to /slow were still hanging:
		// none of them has an attempt recorded yet, which comes only after the 2 s timeout
		assertThat(receiver.hits("/slow")).isPositive();
		assertThat(deliveriesTo(messages, "slow")).hasSize(40).allSatisfy((delivery) -> {
			assertThat(this.store.findAttempts(delivery.id())).isEmpty();
			assertThat(delivery.status()).isIn(DeliveryStatus.PENDING, DeliveryStatus.IN_FLIGHT);
		});
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(deliveriesTo(messages, "slow")).extracting(Delivery::status)
				.containsOnly(DeliveryStatus.FAILED));
		Delivery timedOut = deliveriesTo(messages, "slow").get(0);
		assertThat(this.store.findAttempts(timedOut.id())).singleElement()
			.satisfies((attempt) -> assertThat(attempt.error()).isEqualTo("no complete answer within 2s"));
		Delivery refused = deliveriesTo(messages, "dead").get(0);
		await().untilAsserted(() -> assertThat(this.store.findDelivery(refused.id()).orElseThrow().status())
			.isEqualTo(DeliveryStatus.FAILED));
		assertThat(this.store.findAttempts(refused.id()).get(0).statusCode()).isNull();
	}

	@Test
	void beforePhaseCancelRollsBackThePublishersTransaction() throws Exception {
		receiver.answer("/gate", (request) -> Answer.status(200)
			.header("Content-Type", "application/vnd.webhook.cancel+json")
			.body("{\"reason\":\"refunds are closed on Sundays\"}"));
		assertThatExceptionOfType(WebhookEventCancelledException.class).isThrownBy(() -> this.transactions
			.executeWithoutResult((status) -> {
				this.jdbc.update("insert into refunds(id) values ('r-1')");
				this.applicationEvents.publishEvent(new OrderRefunded("o-1"));
			}))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo("refunds are closed on Sundays");
				assertThat(ex.getEndpoint()).isEqualTo("gate");
			});
		assertThat(this.jdbc.queryForObject("select count(*) from refunds where id = 'r-1'", Integer.class)).isZero();
		assertThat(receiver.received("/gate")).hasSize(1);
		Thread.sleep(300);
		assertThat(receiver.received("/orders")).isEmpty();
	}

	@Test
	void beforePhaseAcceptLetsTheEventProceed() throws Exception {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("insert into refunds(id) values ('r-2')");
			this.applicationEvents.publishEvent(new OrderRefunded("o-2"));
		});
		assertThat(this.jdbc.queryForObject("select count(*) from refunds where id = 'r-2'", Integer.class)).isOne();
		await().until(() -> receiver.received("/orders").size() == 1);
	}

	@Test
	void deliveriesWaitForCommitAndRollbackSendsNothing() throws Exception {
		List<WebhookMessage> published = new CopyOnWriteArrayList<>();
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			published.add(this.webhookPublisher.publish("invoice.paid", Map.of("id", "in_rolled_back")));
			throw new IllegalStateException("rollback");
		}));
		this.transactions.executeWithoutResult((status) -> {
			published.add(this.webhookPublisher.publish("invoice.paid", Map.of("id", "in_committed")));
			assertThat(this.store.findDeliveries(published.get(1).id())).isEmpty();
		});
		await().until(() -> receiver.received("/orders").size() == 1);
		assertThat(receiver.received("/orders").get(0).bodyAsString()).contains("in_committed");
		assertThat(this.store.findMessage(published.get(0).id())).isEmpty();
		Thread.sleep(300);
		assertThat(receiver.received("/orders")).hasSize(1);
	}

	@Test
	void orderedEndpointDeliversInPublishOrder() throws Exception {
		receiver.answer("/seq", (request) -> Answer.status((request.hit() <= 2) ? 500 : 200));
		for (int i = 1; i <= 6; i++) {
			this.webhookPublisher.publish("seq.event", Map.of("n", i));
		}
		await().until(() -> receiver.received("/seq").size() == 8);
		List<Integer> delivered = receiver.received("/seq")
			.stream()
			.map((request) -> JsonMapper.builder().build().readTree(request.body()).path("data").path("n").asInt())
			.toList();
		assertThat(delivered).containsExactly(1, 1, 1, 2, 3, 4, 5, 6);
	}

	@Test
	void brotliCompressedBodyIsDecodedByTheReceiver() throws Exception {
		WebhookMessage message = this.webhookPublisher.publish("br.event", Map.of("text", "x".repeat(1000)));
		await().until(() -> receiver.received("/br").size() == 1);
		TestReceiver.Received request = receiver.received("/br").get(0);
		assertThat(request.headers().getFirst("Content-Encoding")).isEqualTo("br");
		assertThat(request.raw().length).isLessThan(message.body().length);
		assertThat(request.body()).isEqualTo(message.body());
		new Webhook(STANDARD_SECRET).verify(request.bodyAsString(), request.headerMap());
	}

	@Test
	void deliveriesAreTimedByOutcome() throws Exception {
		WebhookMessage message = this.webhookPublisher.publish("invoice.sent", Map.of());
		awaitDelivery(message, DeliveryStatus.DELIVERED);
		await().untilAsserted(() -> assertThat(this.meterRegistry.get("webhook.delivery")
			.tags("endpoint", "orders", "event.type", "invoice.sent", "outcome", "delivered", "status", "2xx")
			.timer()
			.count()).isOne());
	}

	private List<Delivery> deliveriesTo(List<String> messages, String endpoint) {
		return messages.stream()
			.flatMap((message) -> this.store.findDeliveries(message).stream())
			.filter((delivery) -> delivery.endpoint().equals(endpoint))
			.toList();
	}

	private Delivery awaitDelivery(WebhookMessage message, DeliveryStatus status) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.store.findDeliveries(message.id())).singleElement()
				.satisfies((delivery) -> assertThat(delivery.status()).isEqualTo(status)));
		return this.store.findDeliveries(message.id()).get(0);
	}

	private static String hmacHex(String secret, byte[] body) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(body));
	}

	@WebhookEvent("order.created")
	record OrderCreated(String orderId, BigDecimal total) {
	}

	@WebhookEvent("order.refund")
	record OrderRefunded(String orderId) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		LibraryEvents libraryEvents(JdbcTemplate jdbc) {
			jdbc.execute("create table refunds(id varchar(50) primary key)");
			return new LibraryEvents();
		}

	}

	static class LibraryEvents {

		final List<Object> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(WebhookDeliverySucceeded event) {
			this.events.add(event);
		}

		@EventListener
		void on(WebhookDeliveryFailed event) {
			this.events.add(event);
		}

		@EventListener
		void on(WebhookDeliveryExhausted event) {
			this.events.add(event);
		}

		@EventListener
		void on(WebhookEndpointDisabled event) {
			this.events.add(event);
		}

		<T> List<T> of(Class<T> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
