package io.github.webhookstarter.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;

import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.outbound.WebhookPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code webhooks} actuator endpoint and health indicator over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = WebhooksActuatorIntegrationTests.TestApplication.class,
		properties = { "webhook.store=memory", "management.endpoints.web.exposure.include=health,webhooks",
				"management.endpoint.health.show-details=always",
				// the reason of a 400, such as the valid values of a parameter
				"spring.web.error.include-message=always",
				"webhook.outbound.endpoints[0].name=orders",
				"webhook.outbound.endpoints[0].url=http://app:" + WebhooksActuatorIntegrationTests.PASSWORD
						+ "@127.0.0.1:1/orders?token=" + WebhooksActuatorIntegrationTests.TOKEN,
				"webhook.outbound.endpoints[0].events=order.*",
				"webhook.outbound.endpoints[0].secret=" + WebhooksActuatorIntegrationTests.SECRET,
				"webhook.outbound.endpoints[1].name=dead", "webhook.outbound.endpoints[1].url=http://127.0.0.1:1/dead",
				"webhook.outbound.endpoints[1].events=dead.*", "webhook.outbound.endpoints[1].backoff=false",
				"webhook.outbound.endpoints[1].secret=" + WebhooksActuatorIntegrationTests.SECRET,
				"webhook.outbound.poll-interval=50ms",
				"webhook.inbound.sources.github.signature=github",
				"webhook.inbound.sources.github.secret=" + WebhooksActuatorIntegrationTests.INBOUND_SECRET,
				// Spring Security would ask for credentials; WebhookSecurityIntegrationTests covers it
				"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
class WebhooksActuatorIntegrationTests {

	static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final String INBOUND_SECRET = "gh-inbound-secret-42";

	static final String PASSWORD = "pa55word-in-url";

	static final String TOKEN = "query-token-77";

	private final HttpClient client = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	WebhookPublisher publisher;

	@Autowired
	DeliveryStore store;

	@Autowired
	InboundStore inboundStore;

	@Test
	void listsEndpointsBacklogAndSourcesWithoutSecrets() throws Exception {
		HttpResponse<String> response = get("/actuator/webhooks");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain(SECRET)
			.doesNotContain(INBOUND_SECRET)
			.doesNotContain(PASSWORD)
			.doesNotContain(TOKEN);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("backlog").asLong()).isZero();
		assertThat(body.get("backlog").isNumber()).isTrue();
		JsonNode orders = body.get("endpoints").get(0);
		assertThat(orders.get("name").asString()).isEqualTo("orders");
		assertThat(orders.get("url").asString()).isEqualTo("http://******@127.0.0.1:1/orders?******");
		assertThat(orders.get("enabled").asBoolean()).isTrue();
		assertThat(orders.get("disabled").asBoolean()).isFalse();
		JsonNode github = body.get("sources").get(0);
		assertThat(github.get("name").asString()).isEqualTo("github");
		assertThat(github.get("path").asString()).isEqualTo("/webhooks/github");
		assertThat(github.get("signatureScheme").asString()).isEqualTo("github");
		assertThat(github.get("mode").asString()).isEqualTo("async");
	}

	@Test
	void healthIsUpWithTheBacklog() throws Exception {
		HttpResponse<String> response = get("/actuator/health/webhooks");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(response.body());
		assertThat(body.get("status").asString()).isEqualTo("UP");
		assertThat(body.get("details").get("backlog").isNumber()).isTrue();
		assertThat(body.get("details").get("disabledEndpoints").isArray()).isTrue();
		assertThat(body.get("details").get("inboundBacklog").isNumber()).isTrue();
		assertThat(response.body()).doesNotContain(SECRET).doesNotContain(PASSWORD);
	}

	@Test
	void healthShowsTheAgeOfTheOldestPendingDelivery() throws Exception {
		assertThat(this.json.readTree(get("/actuator/health/webhooks").body()).get("details").has("oldestPendingAge"))
			.isFalse();
		// to an endpoint this instance does not know: it stays pending
		this.store.save(new WebhookMessage("msg_elsewhere", "order.created", Instant.now().minusSeconds(120),
				"{}".getBytes(StandardCharsets.UTF_8)), List.of("elsewhere"));
		try {
			JsonNode details = this.json.readTree(get("/actuator/health/webhooks").body()).get("details");
			Duration age = Duration.parse(details.get("oldestPendingAge").asString());
			assertThat(age).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(180));
			assertThat(details.get("backlog").asLong()).isEqualTo(1);
		}
		finally {
			this.store.cancel("elsewhere");
		}
	}

	@Test
	void listsDeliveriesNewestFirstByStatusAndEndpoint() throws Exception {
		List<String> failed = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			WebhookMessage message = this.publisher.publish("dead.thing", Map.of("n", i));
			failed.add(this.store.findDeliveries(message.id()).get(0).id());
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> failed.stream()
				.allMatch((id) -> this.store.findDelivery(id).orElseThrow().status() == DeliveryStatus.FAILED));
		this.store.save(new WebhookMessage("msg_elsewhere_2", "order.created", Instant.now(),
				"{}".getBytes(StandardCharsets.UTF_8)), List.of("elsewhere"));
		try {
			HttpResponse<String> response = get("/actuator/webhooks/deliveries?status=failed&endpoint=dead");
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode deliveries = this.json.readTree(response.body()).get("deliveries");
			List<String> ids = new ArrayList<>();
			List<Instant> createdAt = new ArrayList<>();
			deliveries.forEach((delivery) -> {
				assertThat(delivery.get("endpoint").asString()).isEqualTo("dead");
				assertThat(delivery.get("status").asString()).isEqualTo("FAILED");
				ids.add(delivery.get("id").asString());
				createdAt.add(Instant.parse(delivery.get("createdAt").asString()));
			});
			assertThat(ids).contains(failed.toArray(String[]::new));
			assertThat(ids.indexOf(failed.get(1))).isLessThan(ids.indexOf(failed.get(0)));
			assertThat(createdAt).isSortedAccordingTo(Comparator.reverseOrder());
			JsonNode all = this.json.readTree(get("/actuator/webhooks/deliveries").body()).get("deliveries");
			assertThat(all.get(0).get("endpoint").asString()).isEqualTo("elsewhere");
			JsonNode pending = this.json.readTree(get("/actuator/webhooks/deliveries?status=PENDING&limit=1").body())
				.get("deliveries");
			assertThat(pending.size()).isEqualTo(1);
			assertThat(pending.get(0).get("endpoint").asString()).isEqualTo("elsewhere");
			assertThat(this.json.readTree(get("/actuator/webhooks/deliveries?endpoint=nope").body())
				.get("deliveries")
				.size()).isZero();
		}
		finally {
			this.store.cancel("elsewhere");
		}
	}

	@Test
	void refusesAnUnknownStatusOrAnInvalidLimit() throws Exception {
		HttpResponse<String> unknownStatus = get("/actuator/webhooks/deliveries?status=LOST");
		assertThat(unknownStatus.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(unknownStatus.body()).get("message").asString())
			.isEqualTo("Unknown status 'LOST': expected one of PENDING, IN_FLIGHT, DELIVERED, FAILED, CANCELLED");
		assertThat(get("/actuator/webhooks/inbound?status=DELIVERED").statusCode()).isEqualTo(400);
		assertThat(get("/actuator/webhooks/deliveries?limit=0").statusCode()).isEqualTo(400);
		assertThat(get("/actuator/webhooks/deliveries?limit=many").statusCode()).isEqualTo(400);
		assertThat(get("/actuator/webhooks/things").statusCode()).isEqualTo(404);
	}

	@Test
	void listsInboundCallsNewestFirstWithoutBodiesOrHeadersAndReplaysOne() throws Exception {
		Instant now = Instant.now();
		String processed = storeCall("github", now.minusSeconds(3), null);
		String failedElsewhere = storeCall("stripe", now.minusSeconds(2),
				"Connect to https://app:" + PASSWORD + "@example.com/x failed");
		String failed = storeCall("github", now.minusSeconds(1), "boom");
		HttpResponse<String> response = get("/actuator/webhooks/inbound");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain(SECRET)
			.doesNotContain(PASSWORD)
			.doesNotContain("body")
			.doesNotContain("headers")
			.contains("https://******@example.com/x");
		JsonNode calls = this.json.readTree(response.body()).get("calls");
		assertThat(calls.get(0).get("id").asString()).isEqualTo(failed);
		assertThat(calls.get(1).get("id").asString()).isEqualTo(failedElsewhere);
		assertThat(calls.get(2).get("id").asString()).isEqualTo(processed);
		assertThat(calls.get(2).get("status").asString()).isEqualTo("PROCESSED");
		assertThat(calls.get(2).get("processedAt").isString()).isTrue();
		assertThat(calls.get(2).get("source").asString()).isEqualTo("github");
		assertThat(calls.get(2).get("eventType").asString()).isEqualTo("push");
		JsonNode failedFromGithub = this.json
			.readTree(get("/actuator/webhooks/inbound?status=FAILED&source=github").body())
			.get("calls");
		assertThat(failedFromGithub.size()).isEqualTo(1);
		assertThat(failedFromGithub.get(0).get("id").asString()).isEqualTo(failed);
		assertThat(failedFromGithub.get(0).get("lastError").asString()).isEqualTo("boom");
		assertThat(failedFromGithub.get(0).get("attempts").asInt()).isEqualTo(1);
		HttpResponse<String> replayed = post("/actuator/webhooks/inbound/" + failed + "/replay", "{}");
		assertThat(replayed.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(replayed.body()).get("replayed").asBoolean()).isTrue();
	}

	// a call stored processed, or failed with an error, with a secret in its headers and body
	private String storeCall(String source, Instant receivedAt, String error) {
		HttpHeaders headers = new HttpHeaders();
		headers.add("Authorization", "Bearer " + SECRET);
		String id = UUID.randomUUID().toString();
		this.inboundStore.saveClaimed(new InboundCall(id, source, "push", UUID.randomUUID().toString(), headers,
				("{\"secret\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8), "203.0.113.7", receivedAt),
				receivedAt.plus(Duration.ofHours(1)));
		if (error != null) {
			this.inboundStore.markFailed(id, 1, error, Set.of());
		}
		else {
			this.inboundStore.markProcessed(id, 1, receivedAt);
		}
		return id;
	}

	@Test
	void disablesThenEnablesAnEndpoint() throws Exception {
		HttpResponse<String> disabled = post("/actuator/webhooks/endpoints/orders/disable",
				"{\"reason\":\"maintenance\"}");
		assertThat(disabled.statusCode()).isEqualTo(200);
		JsonNode orders = this.json.readTree(disabled.body());
		assertThat(orders.get("disabled").asBoolean()).isTrue();
		assertThat(orders.get("disabledReason").asString()).isEqualTo("maintenance");
		JsonNode health = this.json.readTree(get("/actuator/health/webhooks").body());
		assertThat(health.get("details").get("disabledEndpoints").get(0).asString()).isEqualTo("orders");
		HttpResponse<String> enabled = post("/actuator/webhooks/endpoints/orders/enable", "{}");
		assertThat(enabled.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(enabled.body()).get("disabled").asBoolean()).isFalse();
		JsonNode list = this.json.readTree(get("/actuator/webhooks").body());
		assertThat(list.get("endpoints").get(0).get("disabled").asBoolean()).isFalse();
	}

	@Test
	void unknownItemsAreNotFound() throws Exception {
		assertThat(post("/actuator/webhooks/deliveries/nope/retry", "{}").statusCode()).isEqualTo(404);
		assertThat(post("/actuator/webhooks/endpoints/nope/disable", "{}").statusCode()).isEqualTo(404);
		assertThat(post("/actuator/webhooks/inbound/nope/replay", "{}").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/webhooks/deliveries/nope").statusCode()).isEqualTo(404);
	}

	@Test
	void showsAndRetriesAFailedDelivery() throws Exception {
		WebhookMessage message = this.publisher.publish("dead.thing", Map.of("n", 1));
		String id = this.store.findDeliveries(message.id()).get(0).id();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.store.findDelivery(id).orElseThrow().status() == DeliveryStatus.FAILED);
		JsonNode failed = this.json.readTree(get("/actuator/webhooks/deliveries/" + id).body());
		assertThat(failed.get("delivery").get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("attempts").size()).isEqualTo(1);
		HttpResponse<String> retried = post("/actuator/webhooks/deliveries/" + id + "/retry", "{}");
		assertThat(retried.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(retried.body()).get("delivery").get("id").asString()).isEqualTo(id);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.store.findAttempts(id).size() == 2);
	}

	@Test
	void recoveringNeedsAValidTime() throws Exception {
		assertThat(post("/actuator/webhooks/endpoints/orders/recover", "{\"since\":\"yesterday\"}").statusCode())
			.isEqualTo(400);
		HttpResponse<String> recovered = post("/actuator/webhooks/endpoints/orders/recover",
				"{\"since\":\"2026-01-01T00:00:00Z\"}");
		assertThat(recovered.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(recovered.body()).get("recovered").asInt()).isZero();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
