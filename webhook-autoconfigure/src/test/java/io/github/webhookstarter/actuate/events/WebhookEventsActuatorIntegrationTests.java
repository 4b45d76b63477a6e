package io.github.webhookstarter.actuate.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import io.github.webhookstarter.outbound.WebhookPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event type operations of the {@code webhooks} actuator endpoint over real HTTP: the
 * event types, their payload schemas, the OpenAPI document, events triggered by hand and
 * received, signed, by a real receiver.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = WebhookEventsActuatorIntegrationTests.TestApplication.class,
		properties = { "webhook.store=memory", "management.endpoints.web.exposure.include=webhooks",
				"spring.application.name=shop", "webhook.outbound.poll-interval=50ms" })
class WebhookEventsActuatorIntegrationTests {

	static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final Receiver receiver = new Receiver();

	@Autowired
	WebhookPublisher publisher;

	private final JsonMapper json = JsonMapper.builder().build();

	private RestTestClient actuator;

	@BeforeEach
	void actuatorClient(@LocalServerPort int port) {
		this.actuator = RestTestClient.bindToServer().baseUrl("http://localhost:" + port + "/actuator/webhooks").build();
	}

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		// a list is bound from one property source: every element is here
		endpoint(registry, 0, "orders", "order.*", "standard", SECRET);
		endpoint(registry, 1, "mirror", "order.*", "standard", SECRET);
		endpoint(registry, 2, "crm", "customer.*", "github", "crm-secret");
	}

	private static void endpoint(DynamicPropertyRegistry registry, int index, String name, String events,
			String signature, String secret) {
		Map.of("name", name, "url", receiver.url("/" + name), "events", events, "signature", signature, "secret", secret)
			.forEach((property, value) -> registry.add("webhook.outbound.endpoints[" + index + "]." + property,
					() -> value));
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void clearReceiver() {
		receiver.received.clear();
	}

	@Test
	void listsAnnotatedAndPublishedEventTypes() {
		this.publisher.publish("invoice.paid", new InvoicePaid("inv_1", 1200));
		this.publisher.publish("misc.note", Map.of("text", "hi"));
		Response response = get("/events");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode events = this.json.readTree(response.body()).get("events");
		Map<String, JsonNode> byName = new HashMap<>();
		events.forEach((event) -> byName.put(event.get("name").asString(), event));
		assertThat(byName).containsKeys("order.created", "customer.deleted", "invoice.paid", "misc.note")
			.doesNotContainKey("push");
		assertThat(byName.get("order.created").get("payloadClass").asString()).isEqualTo(OrderCreated.class.getName());
		assertThat(byName.get("order.created").get("endpoints").valueStream().map(JsonNode::asString))
			.containsExactly("orders", "mirror");
		assertThat(byName.get("customer.deleted").get("endpoints").valueStream().map(JsonNode::asString))
			.containsExactly("crm");
		assertThat(byName.get("invoice.paid").get("payloadClass").asString()).isEqualTo(InvoicePaid.class.getName());
		assertThat(byName.get("invoice.paid").get("endpoints").isEmpty()).isTrue();
		assertThat(byName.get("misc.note").get("payloadClass").isNull()).isTrue();
	}

	@Test
	void showsTheJsonSchemaOfAPayload() {
		Response response = get("/events/order.created/schema");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode schema = this.json.readTree(response.body());
		assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(schema.get("type").asString()).isEqualTo("object");
		assertThat(schema.get("required").valueStream().map(JsonNode::asString)).containsExactly("order_id");
		JsonNode properties = schema.get("properties");
		assertThat(properties.propertyNames()).containsExactlyInAnyOrder("order_id", "status", "lines", "createdAt",
				"customer", "billedTo");
		assertThat(properties.get("order_id").get("type").asString()).isEqualTo("string");
		assertThat(properties.get("status").get("enum").valueStream().map(JsonNode::asString))
			.containsExactly("NEW", "PAID");
		assertThat(properties.get("createdAt").get("format").asString()).isEqualTo("date-time");
		JsonNode line = properties.get("lines").get("items");
		assertThat(properties.get("lines").get("type").asString()).isEqualTo("array");
		assertThat(line.get("properties").get("quantity").get("type").asString()).isEqualTo("integer");
		assertThat(line.get("properties").get("price").get("type").asString()).isEqualTo("number");
		// a type used twice is a definition
		assertThat(properties.get("customer").get("$ref").asString()).isEqualTo("#/$defs/Customer");
		JsonNode customer = schema.get("$defs").get("Customer").get("properties");
		assertThat(customer.get("vip").get("type").asString()).isEqualTo("boolean");
	}

	@Test
	void unknownEventTypesAndPayloadsWithoutClassHaveNoSchema() {
		this.publisher.publish("misc.note", Map.of("text", "hi"));
		assertThat(get("/events/nope/schema").statusCode()).isEqualTo(404);
		assertThat(get("/events/misc.note/schema").statusCode()).isEqualTo(404);
		assertThat(get("/events/order.created/other").statusCode()).isEqualTo(404);
		assertThat(get("/nothing").statusCode()).isEqualTo(404);
	}

	@Test
	void describesEveryEventInAnOpenApiDocument() {
		Response response = get("/openapi");
		assertThat(response.statusCode()).isEqualTo(200);
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(response.body(), null, options);
		assertThat(result.getMessages()).isEmpty();
		OpenAPI openApi = result.getOpenAPI();
		assertThat(openApi.getOpenapi()).isEqualTo("3.1.0");
		assertThat(openApi.getInfo().getTitle()).isEqualTo("Webhooks of shop");
		assertThat(openApi.getPaths()).isEmpty();
		assertThat(openApi.getWebhooks()).containsKeys("order.created", "customer.deleted");
		assertThat(openApi.getComponents().getSchemas()).containsKeys("OrderCreated", "Customer", "CustomerDeleted");

		PathItem orderCreated = openApi.getWebhooks().get("order.created");
		assertThat(orderCreated.getPost().getParameters()).extracting(Parameter::getName)
			.containsExactly("webhook-id", "webhook-timestamp", "webhook-signature");
		assertThat(orderCreated.getPost().getParameters()).allSatisfy((parameter) -> {
			assertThat(parameter.getIn()).isEqualTo("header");
			assertThat(parameter.getRequired()).isTrue();
		});
		assertThat(orderCreated.getPost().getResponses()).containsOnlyKeys("2XX");
		Schema<?> envelope = orderCreated.getPost().getRequestBody().getContent().get("application/json").getSchema();
		assertThat(envelope.getRequired()).containsExactlyInAnyOrder("type", "timestamp", "data");
		assertThat(envelope.getProperties().get("type").getConst()).isEqualTo("order.created");
		assertThat(envelope.getProperties().get("timestamp").getFormat()).isEqualTo("date-time");
		assertThat(envelope.getProperties().get("data").get$ref()).isEqualTo("#/components/schemas/OrderCreated");
		Schema<?> payload = openApi.getComponents().getSchemas().get("OrderCreated");
		assertThat(payload.getProperties().get("customer").get$ref()).isEqualTo("#/components/schemas/Customer");

		PathItem customerDeleted = openApi.getWebhooks().get("customer.deleted");
		assertThat(customerDeleted.getPost().getParameters()).extracting(Parameter::getName)
			.containsExactly("X-Hub-Signature-256");
		Schema<?> customerEnvelope = customerDeleted.getPost()
			.getRequestBody()
			.getContent()
			.get("application/json")
			.getSchema();
		assertThat(customerEnvelope.getProperties().get("data").get$ref())
			.isEqualTo("#/components/schemas/CustomerDeleted");
	}

	@Test
	void triggersAnExampleEventToEverySubscriber() throws Exception {
		Instant before = Instant.now();
		Response response = post("/events/order.created/trigger", "{}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode triggered = this.json.readTree(response.body());
		String messageId = triggered.get("messageId").asString();
		assertThat(triggered.get("endpoints").valueStream().map(JsonNode::asString)).containsExactly("orders", "mirror");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> receiver.received("/orders").size() == 1 && receiver.received("/mirror").size() == 1);
		Received received = receiver.received("/orders").get(0);
		// signed as the Standard Webhooks library verifies
		new Webhook(SECRET).verify(received.body(), received.headers());
		assertThat(received.headers().get("webhook-id")).containsExactly(messageId);
		JsonNode body = this.json.readTree(received.body());
		assertThat(body.get("type").asString()).isEqualTo("order.created");
		JsonNode data = body.get("data");
		assertThat(data.get("order_id").asString()).isEqualTo("string");
		assertThat(data.get("status").asString()).isEqualTo("NEW");
		assertThat(data.get("lines")).hasSize(1);
		assertThat(data.get("lines").get(0).get("sku").asString()).isEqualTo("string");
		assertThat(data.get("lines").get(0).get("quantity").asInt()).isZero();
		assertThat(data.get("customer").get("vip").asBoolean()).isFalse();
		assertThat(Instant.parse(data.get("createdAt").asString())).isBetween(before, Instant.now());
	}

	@Test
	void triggersGivenDataToTheNamedEndpointAlone() throws Exception {
		Response response = trigger("order.created", "mirror",
				Map.of("order_id", "o-42", "status", "PAID"));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode triggered = this.json.readTree(response.body());
		assertThat(triggered.get("endpoints").valueStream().map(JsonNode::asString)).containsExactly("mirror");
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/mirror").size() == 1);
		Received received = receiver.received("/mirror").get(0);
		new Webhook(SECRET).verify(received.body(), received.headers());
		JsonNode data = this.json.readTree(received.body()).get("data");
		assertThat(data.get("order_id").asString()).isEqualTo("o-42");
		assertThat(data.get("status").asString()).isEqualTo("PAID");
		// the other subscriber gets nothing: a later event reaches it alone
		trigger("customer.deleted", null, Map.of("customerId", "c-1"));
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/crm").size() == 1);
		post("/events/order.created/trigger", "{\"endpoint\":\"orders\"}");
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("/orders").size() == 1);
		assertThat(receiver.received("/mirror")).hasSize(1);
		assertThat(receiver.received("/crm").get(0).headers()).containsKey("x-hub-signature-256");
	}

	@Test
	void triggeringAnUnknownEventTypeOrEndpointIsNotFound() {
		assertThat(post("/events/nope/trigger", "{}").statusCode()).isEqualTo(404);
		assertThat(post("/events/order.created/trigger", "{\"endpoint\":\"nope\"}").statusCode())
			.isEqualTo(404);
		assertThat(post("/events/order.created/explode", "{}").statusCode()).isEqualTo(404);
	}

	@Test
	void triggeringWithDataOfTheWrongShapeIsABadRequest() {
		assertThat(trigger("order.created", null, Map.of("status", "LOST")).statusCode()).isEqualTo(400);
		assertThat(post("/events/order.created/trigger", "{\"data\":\"{\"}").statusCode())
			.isEqualTo(400);
		this.publisher.publish("misc.note", Map.of("text", "hi"));
		assertThat(post("/events/misc.note/trigger", "{}").statusCode()).isEqualTo(400);
	}

	private Response get(String path) {
		return Response.of(this.actuator.get().uri(path).exchange().returnResult(String.class));
	}

	// actuator write operations take the values of their JSON body as strings: data is JSON in a string
	private Response trigger(String type, String endpoint, Map<String, Object> data) {
		Map<String, String> body = new HashMap<>();
		body.put("data", this.json.writeValueAsString(data));
		if (endpoint != null) {
			body.put("endpoint", endpoint);
		}
		return post("/events/" + type + "/trigger", this.json.writeValueAsString(body));
	}

	private Response post(String path, String body) {
		return Response.of(this.actuator.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult(String.class));
	}

	/**
	 * Published by the application without an annotation.
	 */
	record InvoicePaid(String invoiceId, long amount) {

	}

	/**
	 * The status and body of an answer of the actuator.
	 */
	record Response(int statusCode, String body) {

		static Response of(EntityExchangeResult<String> result) {
			String body = result.getResponseBody();
			return new Response(result.getStatus().value(), (body != null) ? body : "");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		// the actuator open to the test, as an application's own security may leave it
		@Bean
		SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
			return http.securityMatcher("/actuator/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

	}

	/**
	 * A request the receiver got: its path, headers with lower-case names and body.
	 */
	record Received(String path, Map<String, List<String>> headers, String body) {

	}

	/**
	 * A real HTTP server on a random local port that answers 200 and records what it gets.
	 */
	static final class Receiver implements AutoCloseable {

		final List<Received> received = new CopyOnWriteArrayList<>();

		private final HttpServer server;

		Receiver() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/", (exchange) -> {
				Map<String, List<String>> headers = new HashMap<>();
				exchange.getRequestHeaders()
					.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				this.received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			this.server.start();
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		}

		List<Received> received(String path) {
			return this.received.stream().filter((request) -> request.path().equals(path)).toList();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
