package io.github.webhookstarter.autoconfigure.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.TestReceiver;
import io.github.webhookstarter.outbound.TestReceiver.Answer;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.WebhookPublisher;
import io.github.webhookstarter.subscription.WebhookSubscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Secrets never show, end to end: an application with secrets of every kind (a source's, a
 * Standard Webhooks source's, an endpoint's two during a rotation, an endpoint's
 * {@code Authorization} header, credentials in an endpoint's URL, a subscription's), its
 * starter logging at DEBUG, webhooks received (signed, wrongly signed, with an
 * {@code Authorization} header, to a failing listener) and sent (answered, failing, to a
 * subscription), then every actuator read, the subscriptions API, the {@code toString()} of
 * endpoints, sources and subscriptions, and startups that fail on configuration holding
 * secrets: none of it holds a secret, the base64 decoding of one, or a signature.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = SecretsMaskingIntegrationTests.TestApplication.class,
		properties = { "logging.level.io.github.webhookstarter=debug", "webhook.store=memory",
				"management.endpoints.web.exposure.include=health,webhooks,configprops,env",
				"management.endpoint.health.show-details=always",
				"webhook.inbound.sources.github.signature=github",
				"webhook.inbound.sources.github.secret=" + SecretsMaskingIntegrationTests.SOURCE_SECRET,
				"webhook.inbound.sources.standard.signature=standard",
				"webhook.inbound.sources.standard.secret=" + SecretsMaskingIntegrationTests.STANDARD_SOURCE_SECRET,
				"webhook.outbound.poll-interval=50ms",
				"webhook.subscriptions.enabled=true", "webhook.outbound.url-policy.https-only=false",
				"webhook.outbound.url-policy.allow-private=true" })
class SecretsMaskingIntegrationTests {

	static final String SOURCE_SECRET = "gh-source-secret-7f3a91";

	static final String STANDARD_SOURCE_KEY = "standard-source-key-55";

	// whsec_ and the base64 of the key
	static final String STANDARD_SOURCE_SECRET = "whsec_c3RhbmRhcmQtc291cmNlLWtleS01NQ==";

	static final String ENDPOINT_KEY = "endpoint-key-bytes-31";

	static final String ENDPOINT_SECRET = "whsec_ZW5kcG9pbnQta2V5LWJ5dGVzLTMx";

	static final String ENDPOINT_OLD_KEY = "endpoint-old-key-bytes-48";

	static final String ENDPOINT_OLD_SECRET = "whsec_ZW5kcG9pbnQtb2xkLWtleS1ieXRlcy00OA==";

	static final String HEADER_TOKEN = "endpoint-bearer-token-64";

	static final String URL_PASSWORD = "url-password-29";

	static final String URL_TOKEN = "url-query-token-83";

	static final String PROXY_PASSWORD = "proxy-password-17";

	static final String INBOUND_TOKEN = "inbound-bearer-token-12";

	static final String MISSPELLED_SECRET = "misspelled-secret-90";

	static final String BROKEN_STANDARD_SECRET = "whsec_not-base64!broken-secret-26";

	static final TestReceiver receiver = TestReceiver.start();

	private final HttpClient client = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	WebhookPublisher publisher;

	@Autowired
	DeliveryStore deliveries;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	WebhookSources sources;

	@Autowired
	WebhookSubscriptions subscriptions;

	// a list binds from one property source: every property of the endpoints is here, with their URLs
	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("webhook.outbound.endpoints[0].name", () -> "orders");
		registry.add("webhook.outbound.endpoints[0].url", () -> receiver.url("/orders") + "?token=" + URL_TOKEN);
		registry.add("webhook.outbound.endpoints[0].events", () -> "order.*");
		registry.add("webhook.outbound.endpoints[0].secrets[0]", () -> ENDPOINT_SECRET);
		registry.add("webhook.outbound.endpoints[0].secrets[1]", () -> ENDPOINT_OLD_SECRET);
		registry.add("webhook.outbound.endpoints[0].headers.Authorization", () -> "Bearer " + HEADER_TOKEN);
		registry.add("webhook.outbound.endpoints[1].name", () -> "failing");
		registry.add("webhook.outbound.endpoints[1].url", () -> receiver.url("/failing"));
		registry.add("webhook.outbound.endpoints[1].events", () -> "order.*");
		registry.add("webhook.outbound.endpoints[1].secret", () -> ENDPOINT_SECRET);
		registry.add("webhook.outbound.endpoints[1].backoff", () -> "false");
		// credentials in the URL, which HTTP clients refuse to send
		registry.add("webhook.outbound.endpoints[2].name", () -> "basic");
		registry.add("webhook.outbound.endpoints[2].url",
				() -> receiver.url("/basic").replace("http://", "http://app:" + URL_PASSWORD + "@"));
		registry.add("webhook.outbound.endpoints[2].events", () -> "order.*");
		registry.add("webhook.outbound.endpoints[2].secret", () -> ENDPOINT_SECRET);
		registry.add("webhook.outbound.endpoints[2].backoff", () -> "false");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void noSecretAppearsInLogsActuatorApiToStringOrStartupFailures(CapturedOutput output) throws Exception {
		receiver.answer("/orders", (received) -> Answer.status(204));
		receiver.answer("/failing", (received) -> Answer.status(500).body("{\"error\":\"down\"}"));
		receiver.answer("/subscriber", (received) -> Answer.status(503));
		List<String> shown = new ArrayList<>();

		// a subscription, whose secret its creation answers once (and only there)
		HttpResponse<String> created = send("POST", "/webhooks/subscriptions",
				"{\"url\": \"" + receiver.url("/subscriber") + "\", \"events\": [\"order.*\"]}");
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode subscription = this.json.readTree(created.body());
		String subscriptionId = subscription.get("id").asString();
		String subscriptionSecret = subscription.get("secret").asString();

		// received: signed, wrongly signed (both schemes), each with an Authorization header; the
		// listener of the signed one fails
		String body = "{\"action\":\"opened\"}";
		String signature = "sha256=" + hmacSha256Hex(SOURCE_SECRET, body);
		assertThat(receive("/webhooks/github", body, "X-Hub-Signature-256", signature)).isEqualTo(202);
		String wrongSignature = "sha256=" + hmacSha256Hex("not-the-secret", body);
		assertThat(receive("/webhooks/github", body, "X-Hub-Signature-256", wrongSignature)).isEqualTo(401);
		String wrongStandardSignature = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
		assertThat(receive("/webhooks/standard", "{\"type\":\"a\",\"data\":{}}", "webhook-signature",
				wrongStandardSignature)).isEqualTo(401);
		await().atMost(Duration.ofSeconds(10)).until(() -> TestApplication.listenerCalls > 0);

		// sent: answered, failing at once, refused by the client, to the subscription (which answers 503)
		this.publisher.publish("order.created", Map.of("orderId", "o-1"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> receiver.hits("/orders") == 1 && receiver.hits("/subscriber") >= 1
					&& !this.deliveries.findDeliveries(DeliveryStatus.FAILED, "failing", 1).isEmpty()
					&& !this.deliveries.findDeliveries(DeliveryStatus.FAILED, "basic", 1).isEmpty());
		List<String> sentSignatures = new ArrayList<>();
		for (String path : List.of("/orders", "/failing", "/subscriber")) {
			receiver.received(path)
				.forEach((received) -> sentSignatures.addAll(received.headers().get("webhook-signature")));
		}
		assertThat(receiver.received("/orders").get(0).headers().getFirst("Authorization"))
			.isEqualTo("Bearer " + HEADER_TOKEN);

		// every read of the actuator and of the subscriptions API
		for (String path : List.of("/actuator/webhooks", "/actuator/webhooks/deliveries", "/actuator/webhooks/inbound",
				"/actuator/webhooks/events", "/actuator/webhooks/openapi", "/actuator/health", "/actuator/configprops",
				"/actuator/env", "/webhooks/subscriptions",
				"/webhooks/subscriptions/" + subscriptionId)) {
			HttpResponse<String> response = send("GET", path, null);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			shown.add(response.body());
		}
		JsonNode listed = this.json.readTree(send("GET", "/actuator/webhooks/deliveries", null).body());
		assertThat(listed.get("deliveries").size()).isGreaterThanOrEqualTo(4);
		for (JsonNode delivery : listed.get("deliveries")) {
			shown.add(send("GET", "/actuator/webhooks/deliveries/" + delivery.get("id").asString(), null).body());
		}

		// toString() of what a log line may print
		this.endpoints.getEndpoints().forEach((endpoint) -> shown.add(String.valueOf(endpoint)));
		this.sources.getSources().forEach((source) -> shown.add(String.valueOf(source)));
		shown.add(String.valueOf(this.subscriptions.find("operator", subscriptionId).orElseThrow()));
		assertThat(String.join("\n", shown)).contains("orders", "github", subscriptionId);

		// startups that fail on configuration next to secrets: the exceptions and the failure analyses
		shown.add(failedStartup("webhook.outbound.endpoints[0].url=ftp://app:" + URL_PASSWORD + "@example.com/x",
				"webhook.outbound.endpoints[0].secret=" + ENDPOINT_SECRET));
		shown.add(failedStartup("webhook.outbound.endpoints[0].url=https://example.com/x",
				"webhook.outbound.endpoints[0].secret=" + ENDPOINT_SECRET,
				"webhook.outbound.endpoints[0].proxy=http://proxy:" + PROXY_PASSWORD + "@proxy.example.com"));
		shown.add(failedStartup("webhook.outbound.endpoints[0].url=https://example.com/x",
				"webhook.outbound.endpoints[0].secret=" + BROKEN_STANDARD_SECRET));
		shown.add(failedStartup("webhook.outbound.endpoints[0].url=https://example.com/x",
				"webhook.outbound.endpoints[0].secert=" + MISSPELLED_SECRET));
		shown.add(failedStartup("webhook.outbound.endpoints[0].url=https://example.com/x",
				"webhook.outbound.endpoints[0].secret=" + ENDPOINT_SECRET,
				"webhook.outbound.endpoints[0].timeout=soon"));

		String everything = String.join("\n", shown) + "\n" + output.getAll();
		// the logs did run at DEBUG, saw the failures, and saw the startups fail
		assertThat(output.getAll()).contains("DEBUG", "userinfo", "failing", "APPLICATION FAILED TO START");
		assertThat(List.of(STANDARD_SOURCE_SECRET, ENDPOINT_SECRET, ENDPOINT_OLD_SECRET).stream().map(
				SecretsMaskingIntegrationTests::decodedKey)).containsExactly(STANDARD_SOURCE_KEY, ENDPOINT_KEY, ENDPOINT_OLD_KEY);
		List<String> secrets = new ArrayList<>(List.of(SOURCE_SECRET, STANDARD_SOURCE_SECRET, STANDARD_SOURCE_KEY,
				ENDPOINT_SECRET, ENDPOINT_KEY, ENDPOINT_OLD_SECRET, ENDPOINT_OLD_KEY, HEADER_TOKEN, URL_PASSWORD, URL_TOKEN,
				PROXY_PASSWORD, INBOUND_TOKEN, MISSPELLED_SECRET, BROKEN_STANDARD_SECRET, "broken-secret-26",
				subscriptionSecret, decodedKey(subscriptionSecret), signature, wrongSignature, wrongStandardSignature));
		for (String secret : List.of(STANDARD_SOURCE_SECRET, ENDPOINT_SECRET, ENDPOINT_OLD_SECRET, subscriptionSecret)) {
			secrets.add(secret.substring("whsec_".length()));
		}
		sentSignatures.forEach((value) -> secrets.addAll(List.of(value.split(" "))));
		assertThat(sentSignatures).hasSizeGreaterThanOrEqualTo(3);
		for (String secret : secrets) {
			assertThat(everything).as("shows %s", secret).doesNotContain(secret);
		}
	}

	private String failedStartup(String... properties) {
		List<String> all = new ArrayList<>(List.of("webhook.store=memory", "spring.main.banner-mode=off",
				"logging.level.io.github.webhookstarter=debug"));
		all.addAll(List.of(properties));
		StringBuilder messages = new StringBuilder();
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(StartupApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run()
			.close()).satisfies((ex) -> {
				for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
					messages.append(cause).append('\n');
				}
			});
		return messages.toString();
	}

	private int receive(String path, String body, String signatureHeader, String signature) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + INBOUND_TOKEN)
			.header("X-GitHub-Event", "push")
			.header("webhook-id", "msg_1")
			.header("webhook-timestamp", String.valueOf(Instant.now().getEpochSecond()))
			.header(signatureHeader, signature)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString("operator:operator-password".getBytes(StandardCharsets.UTF_8)))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String decodedKey(String whsec) {
		return new String(Base64.getDecoder().decode(whsec.substring("whsec_".length())), StandardCharsets.ISO_8859_1);
	}

	private static String hmacSha256Hex(String secret, String content) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		static volatile int listenerCalls;

		@Bean
		SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}operator-password").build());
		}

		@WebhookEvent(value = "push", source = "github")
		void onPush(JsonNode body) {
			listenerCalls++;
			throw new IllegalStateException("the listener failed on purpose");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class StartupApplication {

	}

}
