package io.github.webhookstarter.inbound;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.standardwebhooks.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.core.Polls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What listeners get, over real HTTP: the payload of a Standard Webhooks envelope, payloads
 * that cannot be converted, listeners retried one by one, events nobody listens to, concurrent
 * duplicates in sync mode, calls without an event type or with an empty body or overlong ids,
 * and the inbound library events.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = InboundListenerIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.sources.orders.signature=standard",
				"webhook.inbound.sources.orders.secret=" + InboundListenerIntegrationTests.SECRET,
				"webhook.inbound.sources.orders-now.signature=standard",
				"webhook.inbound.sources.orders-now.secret=" + InboundListenerIntegrationTests.SECRET,
				"webhook.inbound.sources.orders-now.mode=sync",
				"webhook.inbound.sources.github.signature=github", "webhook.inbound.sources.github.secret=gh",
				"webhook.inbound.sources.open.allow-unauthenticated=true",
				"webhook.inbound.sources.open.id=header:X-Id",
				"webhook.inbound.backoff.intervals=200ms,200ms,200ms", "webhook.inbound.backoff.jitter=0" })
class InboundListenerIntegrationTests {

	static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	@LocalServerPort
	int port;

	@Autowired
	Listeners listeners;

	@Autowired
	LibraryEvents events;

	@Autowired
	InboundStore store;

	@Autowired
	MeterRegistry meterRegistry;

	WebhookCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new WebhookCalls(this.port);
	}

	@Test
	void payloadOfAStandardWebhookIsItsDataWhileTreesAndRequestsSeeTheWholeBody() throws Exception {
		HttpResponse<String> response = standard("orders", "msg_payload", "order.created",
				"{\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":2}");
		assertThat(response.statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.listeners.received).contains("order:o-1:book:2",
				"tree:order.created:book", "request-payload:o-1"));
	}

	@Test
	void unconvertiblePayloadFailsAtOnceInAsyncModeAndCanBeReplayed() throws Exception {
		assertThat(standard("orders", "msg_bad_payload", "invoice.paid", "{\"amount\":\"lots\"}").statusCode())
			.isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.events.exhausted).anySatisfy(
				(exhausted) -> assertThat(exhausted.eventType()).isEqualTo("invoice.paid")));
		WebhookCallExhausted exhausted = this.events.exhausted.stream()
			.filter((event) -> event.eventType().equals("invoice.paid"))
			.findFirst()
			.orElseThrow();
		StoredInboundCall failed = this.store.find(exhausted.callId()).orElseThrow();
		assertThat(failed.status()).isEqualTo(InboundCallStatus.FAILED);
		assertThat(failed.attempts()).isEqualTo(1);
		assertThat(failed.lastError()).contains(WebhookPayloadException.class.getName())
			.contains("cannot be converted to Invoice");
		assertThat(exhausted.attempts()).isEqualTo(1);
		assertThat(this.events.listenerFailures).anySatisfy((failure) -> {
			assertThat(failure.callId()).isEqualTo(exhausted.callId());
			assertThat(failure.error()).isInstanceOf(WebhookPayloadException.class);
			assertThat(failure.nextAttemptAt()).isNull();
		});
		Polls.waitPastTheNextPoll();
		assertThat(this.store.find(exhausted.callId()).orElseThrow().attempts()).isEqualTo(1);
	}

	@Test
	void unconvertiblePayloadIsABadRequestInSyncMode() throws Exception {
		HttpResponse<String> response = standard("orders-now", "msg_bad_sync", "invoice.paid",
				"{\"amount\":\"lots\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("cannot be converted to Invoice");
		HttpResponse<String> fixed = standard("orders-now", "msg_bad_sync", "invoice.paid", "{\"amount\":12}");
		assertThat(fixed.statusCode()).isEqualTo(200);
		assertThat(this.listeners.received).contains("invoice:12");
	}

	@Test
	void payloadBindingNothingIsLoggedOncePerListener(CapturedOutput output) throws Exception {
		assertThat(standard("orders-now", "msg_unbound_1", "shipment.sent", "{\"tracking\":\"t-1\"}").statusCode())
			.isEqualTo(200);
		assertThat(standard("orders-now", "msg_unbound_2", "shipment.sent", "{\"tracking\":\"t-2\"}").statusCode())
			.isEqualTo(200);
		assertThat(this.listeners.received).contains("shipment:null");
		String warning = "bound to no property of " + Shipment.class.getName();
		assertThat(output.getAll().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
		assertThat(output.getAll()).contains("Listeners.onShipment");
	}

	@Test
	void retriesRunOnlyTheListenersThatHaveNotSucceeded() throws Exception {
		assertThat(standard("orders", "msg_retry", "job.run", "{\"failTimes\":2}").statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.listeners.count("flaky:msg_retry")).isEqualTo(3));
		await().untilAsserted(() -> assertThat(this.events.listenerFailures)
			.filteredOn((failure) -> failure.listener().contains("onFlakyJob"))
			.hasSizeGreaterThanOrEqualTo(2));
		Polls.waitPastTheNextPoll();
		assertThat(this.listeners.count("steady:msg_retry")).isEqualTo(1);
		assertThat(this.listeners.count("flaky:msg_retry")).isEqualTo(3);
		assertThat(this.events.listenerFailures).filteredOn((failure) -> failure.listener().contains("onFlakyJob"))
			.allSatisfy((failure) -> assertThat(failure.nextAttemptAt()).isNotNull());
	}

	@Test
	void eventWithoutListenerIsCountedAsUnhandled() throws Exception {
		assertThat(standard("orders", "msg_nobody", "nobody.listens", "{}").statusCode()).isEqualTo(202);
		assertThat(standard("orders-now", "msg_nobody_now", "nobody.listens", "{}").statusCode()).isEqualTo(200);
		assertThat(this.meterRegistry.get("webhook.inbound")
			.tags("source", "orders", "event.type", "nobody.listens", "outcome", "unhandled", "status", "2xx")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("webhook.inbound")
			.tags("source", "orders-now", "outcome", "unhandled")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.events.received).anySatisfy((received) -> {
			assertThat(received.eventType()).isEqualTo("nobody.listens");
			assertThat(received.hasListeners()).isFalse();
		});
	}

	@Test
	void concurrentDuplicatesInSyncModeAreDispatchedOnce() throws Exception {
		this.listeners.slowEntered = new CountDownLatch(1);
		this.listeners.slowRelease = new CountDownLatch(1);
		CompletableFuture<HttpResponse<String>> first = CompletableFuture
			.supplyAsync(() -> uncheckedStandard("orders-now", "msg_concurrent", "slow.job", "{}"));
		assertThat(this.listeners.slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
		HttpResponse<String> concurrent = standard("orders-now", "msg_concurrent", "slow.job", "{}");
		assertThat(concurrent.statusCode()).isEqualTo(409);
		this.listeners.slowRelease.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(standard("orders-now", "msg_concurrent", "slow.job", "{}").statusCode()).isEqualTo(200);
		assertThat(this.listeners.count("slow:msg_concurrent")).isEqualTo(1);
	}

	@Test
	void gitHubCallWithoutEventHeaderIsABadRequest() throws Exception {
		String body = "{\"zen\":\"Keep it simple\"}";
		HttpResponse<String> response = this.calls.post("/webhooks/github")
			.json(body)
			.header("X-GitHub-Delivery", "d-1")
			.header("X-Hub-Signature-256", "sha256=" + WebhookCalls.hmacSha256Hex("gh", body))
			.send();
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("The event type header 'X-GitHub-Event' is missing");
		assertThat(this.events.rejected).anySatisfy((rejected) -> {
			assertThat(rejected.source()).isEqualTo("github");
			assertThat(rejected.status()).isEqualTo(400);
			assertThat(rejected.outcome()).isEqualTo(InboundOutcome.MALFORMED);
			assertThat(rejected.reason()).contains("X-GitHub-Event");
		});
	}

	@Test
	void eventTypeMissingFromTheBodyIsABadRequest() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/open").json("{\"kind\":\"a\"}").send();
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("The event type is missing").contains("json:/type");
	}

	@Test
	void emptyOrBlankBodyIsABadRequest() throws Exception {
		for (String body : List.of("", "  \r\n\t ")) {
			HttpResponse<String> response = this.calls.post("/webhooks/open").json(body).send();
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("The body is empty");
		}
	}

	@Test
	void overlongWebhookIdOrEventTypeIsABadRequestNamingTheLimit() throws Exception {
		HttpResponse<String> longId = this.calls.post("/webhooks/open")
			.json("{\"type\":\"a\"}")
			.header("X-Id", "i".repeat(InboundStore.MAX_WEBHOOK_ID_LENGTH + 1))
			.send();
		assertThat(longId.statusCode()).isEqualTo(400);
		assertThat(longId.body()).contains("The webhook id is longer than 255 characters");
		HttpResponse<String> longType = this.calls.post("/webhooks/open")
			.json("{\"type\":\"" + "t".repeat(InboundStore.MAX_EVENT_TYPE_LENGTH + 1) + "\"}")
			.send();
		assertThat(longType.statusCode()).isEqualTo(400);
		assertThat(longType.body()).contains("The event type is longer than 200 characters");
		HttpResponse<String> longest = this.calls.post("/webhooks/open")
			.json("{\"type\":\"" + "t".repeat(InboundStore.MAX_EVENT_TYPE_LENGTH) + "\"}")
			.header("X-Id", "i".repeat(InboundStore.MAX_WEBHOOK_ID_LENGTH))
			.send();
		assertThat(longest.statusCode()).isEqualTo(202);
	}

	@Test
	void receivedEventIsPublishedAndAFailingEventListenerChangesNothing() throws Exception {
		this.events.failOnReceived = true;
		try {
			assertThat(standard("orders", "msg_event", "order.created",
					"{\"orderId\":\"o-2\",\"item\":\"pen\",\"quantity\":1}")
				.statusCode()).isEqualTo(202);
		}
		finally {
			this.events.failOnReceived = false;
		}
		assertThat(this.events.received).anySatisfy((received) -> {
			assertThat(received.source()).isEqualTo("orders");
			assertThat(received.webhookId()).isEqualTo("msg_event");
			assertThat(received.hasListeners()).isTrue();
		});
		await().untilAsserted(() -> assertThat(this.listeners.received).contains("order:o-2:pen:1"));
	}

	private HttpResponse<String> standard(String source, String id, String type, String data) throws Exception {
		String body = "{\"type\":\"" + type + "\",\"timestamp\":\"2026-11-29T10:00:00Z\",\"data\":" + data + "}";
		long timestamp = Instant.now().getEpochSecond();
		return this.calls.post("/webhooks/" + source)
			.json(body)
			.header("webhook-id", id)
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", new Webhook(SECRET).sign(id, timestamp, body))
			.send();
	}

	private HttpResponse<String> uncheckedStandard(String source, String id, String type, String data) {
		try {
			return standard(source, id, type, data);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Order(String orderId, String item, int quantity) {
	}

	record Invoice(int amount) {
	}

	record Shipment(String trackingNumber) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

		@Bean
		LibraryEvents libraryEvents() {
			return new LibraryEvents();
		}

	}

	static class Listeners {

		final List<String> received = new CopyOnWriteArrayList<>();

		final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		volatile CountDownLatch slowEntered = new CountDownLatch(0);

		volatile CountDownLatch slowRelease = new CountDownLatch(0);

		@WebhookEvent(value = "order.created", source = "orders")
		void onOrder(Order order) {
			this.received.add("order:" + order.orderId() + ":" + order.item() + ":" + order.quantity());
		}

		@WebhookEvent(value = "order.created", source = "orders")
		void onOrderTree(JsonNode body, WebhookRequest request) {
			this.received.add("tree:" + body.path("type").asString() + ":" + body.path("data").path("item").asString());
			this.received.add("request-payload:" + request.getPayload().path("orderId").asString());
		}

		@WebhookEvent("invoice.paid")
		void onInvoice(Invoice invoice) {
			this.received.add("invoice:" + invoice.amount());
		}

		@WebhookEvent("shipment.sent")
		void onShipment(Shipment shipment) {
			this.received.add("shipment:" + shipment.trackingNumber());
		}

		@WebhookEvent("job.run")
		void onSteadyJob(WebhookRequest request) {
			increment("steady:" + request.getWebhookId());
		}

		@WebhookEvent("job.run")
		void onFlakyJob(WebhookRequest request, JsonNode body) {
			int attempt = increment("flaky:" + request.getWebhookId());
			if (attempt <= body.path("data").path("failTimes").asInt()) {
				throw new IllegalStateException("flaky failure " + attempt);
			}
		}

		@WebhookEvent("slow.job")
		void onSlowJob(WebhookRequest request) throws InterruptedException {
			increment("slow:" + request.getWebhookId());
			this.slowEntered.countDown();
			this.slowRelease.await(10, TimeUnit.SECONDS);
		}

		int count(String key) {
			AtomicInteger count = this.counts.get(key);
			return (count != null) ? count.get() : 0;
		}

		private int increment(String key) {
			return this.counts.computeIfAbsent(key, (ignored) -> new AtomicInteger()).incrementAndGet();
		}

	}

	static class LibraryEvents {

		final List<WebhookReceived> received = new CopyOnWriteArrayList<>();

		final List<WebhookRejected> rejected = new CopyOnWriteArrayList<>();

		final List<WebhookListenerFailed> listenerFailures = new CopyOnWriteArrayList<>();

		final List<WebhookCallExhausted> exhausted = new CopyOnWriteArrayList<>();

		volatile boolean failOnReceived;

		@EventListener
		void on(WebhookReceived event) {
			this.received.add(event);
			if (this.failOnReceived) {
				throw new IllegalStateException("listener of WebhookReceived failed");
			}
		}

		@EventListener
		void on(WebhookRejected event) {
			this.rejected.add(event);
		}

		@EventListener
		void on(WebhookListenerFailed event) {
			this.listenerFailures.add(event);
		}

		@EventListener
		void on(WebhookCallExhausted event) {
			this.exhausted.add(event);
		}

	}

}
