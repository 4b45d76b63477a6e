package io.github.webhookstarter.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's subscriptions API and actuator endpoint over HTTP, with its demo users: alice
 * subscribes a receiver of her own to the sample's orders and gets them signed with her
 * subscription's secret, bob does not see her subscriptions, and only admin reads the
 * {@code webhooks} actuator endpoint.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:sample-subscriptions-tests")
class SampleSubscriptionsTests {

	static final int port = freePort();

	private final HttpClient client = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	// one receiver for every test, which records what each subscription's path gets
	static final List<Received> received = new CopyOnWriteArrayList<>();

	static HttpServer receiver;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> port);
	}

	@BeforeAll
	static void startReceiver() throws IOException {
		receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hooks/", (exchange) -> {
			received.add(new Received(exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"),
					exchange.getRequestHeaders().getFirst("webhook-signature"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.stop(0);
	}

	@Test
	void aliceReceivesOrdersSignedWithHerSubscriptionsSecret() throws Exception {
		HttpResponse<String> created = send("alice", "POST", "/webhooks/subscriptions",
				"{\"url\": \"" + receiverUrl("alice-orders") + "\", \"events\": [\"order.*\"], "
						+ "\"description\": \"alice's orders\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode subscription = this.json.readTree(created.body());
		String id = subscription.get("id").asString();
		assertThat(created.headers().firstValue("Location")).hasValue(base() + "/webhooks/subscriptions/" + id);
		String secret = subscription.get("secret").asString();
		assertThat(secret).startsWith("whsec_");

		HttpResponse<String> order = send(null, "POST", "/orders", "{\"item\": \"lamp\", \"quantity\": 1}");
		assertThat(order.statusCode()).isEqualTo(201);

		await().untilAsserted(() -> assertThat(received).filteredOn((webhook) -> webhook.path().endsWith("/alice-orders"))
			.singleElement()
			.satisfies((webhook) -> {
				assertThat(webhook.body()).contains("\"type\":\"order.created\"").contains("\"item\":\"lamp\"");
				assertThat(webhook.signature()).isEqualTo("v1," + sign(secret, webhook));
			}));
		JsonNode alices = this.json.readTree(send("alice", "GET", "/webhooks/subscriptions", null).body());
		assertThat(alices.get("subscriptions").findValuesAsString("id")).contains(id);
		assertThat(alices.toString()).doesNotContain(secret);
	}

	@Test
	void aliceReadsAndDeletesHerSubscription() throws Exception {
		HttpResponse<String> created = send("alice", "POST", "/webhooks/subscriptions",
				"{\"url\": \"" + receiverUrl("alice-test") + "\", \"events\": [\"order.created\"]}");
		String path = "/webhooks/subscriptions/" + this.json.readTree(created.body()).get("id").asString();
		HttpResponse<String> read = send("alice", "GET", path, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(read.body()).has("secret")).isFalse();
		assertThat(this.json.readTree(read.body()).has("lastAttempts")).isTrue();
		assertThat(send("alice", "DELETE", path, null).statusCode()).isEqualTo(204);
		assertThat(send("alice", "GET", path, null).statusCode()).isEqualTo(404);
	}

	@Test
	void bobDoesNotSeeAlicesSubscription() throws Exception {
		HttpResponse<String> created = send("alice", "POST", "/webhooks/subscriptions",
				"{\"url\": \"" + receiverUrl("bob-test") + "\", \"events\": [\"order.created\"]}");
		assertThat(created.statusCode()).isEqualTo(201);
		String path = "/webhooks/subscriptions/" + this.json.readTree(created.body()).get("id").asString();

		assertThat(send("bob", "GET", path, null).statusCode()).isEqualTo(404);
		assertThat(send("bob", "PATCH", path, "{\"active\": false}").statusCode()).isEqualTo(404);
		assertThat(send("bob", "DELETE", path, null).statusCode()).isEqualTo(404);
		JsonNode bobs = this.json.readTree(send("bob", "GET", "/webhooks/subscriptions", null).body());
		assertThat(bobs.get("total").asLong()).isZero();
		assertThat(send("alice", "PATCH", path, "{\"description\": \"still alice's\"}").statusCode())
			.isEqualTo(200);
	}

	@Test
	void subscriptionsApiNeedsAUser() throws Exception {
		String body = "{\"url\": \"" + receiverUrl("anonymous-test") + "\", \"events\": [\"order.created\"]}";
		assertThat(send(null, "POST", "/webhooks/subscriptions", body).statusCode()).isEqualTo(401);
		assertThat(send("admin", "POST", "/webhooks/subscriptions", body).statusCode()).isEqualTo(403);
	}

	@Test
	void onlyAdminReadsTheWebhooksActuatorEndpoint() throws Exception {
		HttpResponse<String> webhooks = send("admin", "GET", "/actuator/webhooks", null);
		assertThat(webhooks.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(webhooks.body()).get("endpoints").toString()).contains("\"self\"");
		assertThat(send("alice", "GET", "/actuator/webhooks", null).statusCode()).isEqualTo(403);
		assertThat(send("alice", "POST", "/actuator/webhooks/endpoints/self/disable", "{}").statusCode())
			.isEqualTo(403);
		assertThat(send(null, "GET", "/actuator/webhooks", null).statusCode()).isEqualTo(401);
		assertThat(send(null, "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (user != null) {
			String credentials = user + ":" + user + "-password";
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://localhost:" + port;
	}

	private static String receiverUrl(String path) {
		return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + path;
	}

	// Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body", keyed by the secret's bytes after whsec_
	private static String sign(String secret, Received webhook) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
		byte[] signed = (webhook.id() + "." + webhook.timestamp() + "." + webhook.body())
			.getBytes(StandardCharsets.UTF_8);
		return Base64.getEncoder().encodeToString(mac.doFinal(signed));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Received(String path, String id, String timestamp, String signature, String body) {
	}

}
