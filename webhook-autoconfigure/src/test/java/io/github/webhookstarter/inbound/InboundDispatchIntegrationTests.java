package io.github.webhookstarter.inbound;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.store.memory.InMemoryInboundStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dispatch to {@code @WebhookEvent} listeners over real HTTP: argument types, wildcards,
 * several listeners, async retries until processed or failed, replay, sync mode and its
 * duplicates, and the {@code webhook.inbound} metrics.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = InboundDispatchIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.sources.jobs.allow-unauthenticated=true",
				"webhook.inbound.sources.jobs.id=header:X-Id",
				"webhook.inbound.backoff.intervals=50ms,50ms", "webhook.inbound.backoff.jitter=0",
				"webhook.inbound.poll-interval=50ms",
				"webhook.inbound.sources.now.allow-unauthenticated=true",
				"webhook.inbound.sources.now.id=json:/id",
				"webhook.inbound.sources.now.mode=sync" })
class InboundDispatchIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Listeners listeners;

	@Autowired
	ClaimRecordingStore store;

	@Autowired
	InboundWorker worker;

	@Autowired
	MeterRegistry meterRegistry;

	WebhookCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new WebhookCalls(this.port);
	}

	@Test
	void listenerParametersAreResolvedByType() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/now")
			.json("{\"type\":\"order.created\",\"id\":\"o-1\",\"data\":{\"item\":\"book\",\"quantity\":2}}")
			.send();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.listeners.orders).containsExactlyInAnyOrder(
				"payload:order.created:book:2",
				"tree:o-1",
				"bytes+string:" + response.request().bodyPublisher().get().contentLength());
	}

	@Test
	void wildcardsSelectListeners() throws Exception {
		this.calls.post("/webhooks/now").json("{\"type\":\"invoice.paid\",\"id\":\"i-1\"}").send();
		assertThat(this.listeners.any).contains("now:invoice.paid");
		assertThat(this.listeners.orders).doesNotContain("tree:i-1");
	}

	@Test
	void asyncFailuresAreRetriedUntilProcessed() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/jobs")
			.json("{\"type\":\"job.run\",\"failTimes\":2}")
			.header("X-Id", "retry-1")
			.send();
		assertThat(response.statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.listeners.succeeded).containsKey("retry-1"));
		String callId = this.listeners.succeeded.get("retry-1");
		StoredInboundCall stored = this.store.find(callId).orElseThrow();
		assertThat(stored.status()).isEqualTo(InboundCallStatus.PROCESSED);
		assertThat(stored.attempts()).isEqualTo(3);
		assertThat(this.listeners.attempts("retry-1")).isEqualTo(3);
	}

	@Test
	void asyncCallIsHandedOverToAFreeDispatcherWithoutAClaim() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/jobs")
			.json("{\"type\":\"job.run\",\"failTimes\":0}")
			.header("X-Id", "handover-1")
			.send();
		assertThat(response.statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.listeners.succeeded).containsKey("handover-1"));
		String callId = this.listeners.succeeded.get("handover-1");
		assertThat(this.store.find(callId).orElseThrow().status()).isEqualTo(InboundCallStatus.PROCESSED);
		assertThat(this.store.find(callId).orElseThrow().attempts()).isOne();
		assertThat(this.store.claimed).doesNotContain(callId);
	}

	@Test
	void asyncFailuresAreKeptAsFailedAndCanBeReplayed() throws Exception {
		this.calls.post("/webhooks/jobs").json("{\"type\":\"job.run\",\"failTimes\":3}").header("X-Id", "fail-1").send();
		await().untilAsserted(() -> assertThat(this.listeners.attempts("fail-1")).isEqualTo(3));
		String callId = this.listeners.callIds.get("fail-1");
		await().untilAsserted(
				() -> assertThat(this.store.find(callId).orElseThrow().status()).isEqualTo(InboundCallStatus.FAILED));
		StoredInboundCall failed = this.store.find(callId).orElseThrow();
		assertThat(failed.lastError()).contains("failure 3 of 3");
		Thread.sleep(200);
		assertThat(this.listeners.attempts("fail-1")).isEqualTo(3);
		assertThat(this.worker.replay(callId)).isTrue();
		await().untilAsserted(() -> assertThat(this.listeners.succeeded).containsKey("fail-1"));
		assertThat(this.store.find(callId).orElseThrow().status()).isEqualTo(InboundCallStatus.PROCESSED);
		assertThat(this.worker.replay("no-such-call")).isFalse();
	}

	@Test
	void syncFailureAnswersServerErrorAndTheSendersRetryIsProcessed() throws Exception {
		String body = "{\"type\":\"job.run\",\"id\":\"sync-1\",\"failTimes\":1}";
		HttpResponse<String> first = this.calls.post("/webhooks/now").json(body).send();
		assertThat(first.statusCode()).isEqualTo(500);
		assertThat(first.body()).doesNotContain("failure 1 of 1");
		HttpResponse<String> retry = this.calls.post("/webhooks/now").json(body).send();
		assertThat(retry.statusCode()).isEqualTo(200);
		assertThat(this.listeners.succeeded).containsKey("sync-1");
		HttpResponse<String> duplicate = this.calls.post("/webhooks/now").json(body).send();
		assertThat(duplicate.statusCode()).isEqualTo(200);
		assertThat(this.listeners.attempts("sync-1")).isEqualTo(2);
	}

	@Test
	void callsAreTimedByOutcome() throws Exception {
		this.calls.post("/webhooks/now").json("{\"type\":\"metric.test\",\"id\":\"m-1\"}").send();
		this.calls.post("/webhooks/now").json("{\"type\":\"metric.test\",\"id\":\"m-1\"}").send();
		this.calls.post("/webhooks/now").body("{}".getBytes()).header("Content-Type", "text/plain").send();
		assertThat(this.meterRegistry.get("webhook.inbound")
			.tags("source", "now", "event.type", "metric.test", "outcome", "processed", "status", "2xx")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("webhook.inbound")
			.tags("source", "now", "outcome", "duplicate")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meterRegistry.get("webhook.inbound")
			.tags("source", "now", "outcome", "unsupported_media_type", "status", "4xx")
			.timer()
			.count()).isPositive();
	}

	record OrderCreated(String type, Data data) {

		record Data(String item, int quantity) {
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

		@Bean
		ClaimRecordingStore inboundStore() {
			return new ClaimRecordingStore();
		}

	}

	static class ClaimRecordingStore extends InMemoryInboundStore {

		final List<String> claimed = new CopyOnWriteArrayList<>();

		@Override
		public List<StoredInboundCall> claimDue(Instant now, int limit, Duration lease) {
			List<StoredInboundCall> due = super.claimDue(now, limit, lease);
			due.forEach((call) -> this.claimed.add(call.call().id()));
			return due;
		}

	}

	static class Listeners {

		final List<String> orders = new CopyOnWriteArrayList<>();

		final List<String> any = new CopyOnWriteArrayList<>();

		final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

		final Map<String, String> callIds = new ConcurrentHashMap<>();

		final Map<String, String> succeeded = new ConcurrentHashMap<>();

		@WebhookEvent(value = "order.*", source = "now")
		void onOrderPayload(OrderCreated order) {
			this.orders.add("payload:" + order.type() + ":" + order.data().item() + ":" + order.data().quantity());
		}

		@WebhookEvent("order.created")
		void onOrderTree(JsonNode tree) {
			this.orders.add("tree:" + tree.path("id").asString());
		}

		@WebhookEvent(value = "order.created", source = "now")
		void onOrderBytes(byte[] body, String text) {
			assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(body);
			this.orders.add("bytes+string:" + body.length);
		}

		@WebhookEvent("*")
		void onAny(WebhookRequest request) {
			this.any.add(request.getSource() + ":" + request.getEventType());
		}

		@WebhookEvent("job.*")
		void onJob(WebhookRequest request, JsonNode body) {
			String id = request.getWebhookId();
			this.callIds.put(id, request.getCallId());
			int attempt = this.attempts.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
			int failTimes = body.path("failTimes").asInt();
			if (attempt <= failTimes) {
				throw new IllegalStateException("failure " + attempt + " of " + failTimes);
			}
			this.succeeded.put(id, request.getCallId());
		}

		int attempts(String id) {
			AtomicInteger count = this.attempts.get(id);
			return (count != null) ? count.get() : 0;
		}

	}

}
