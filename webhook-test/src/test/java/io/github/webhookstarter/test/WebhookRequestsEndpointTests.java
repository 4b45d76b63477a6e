package io.github.webhookstarter.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.codec.Compression;
import io.github.webhookstarter.inbound.WebhookRequest;
import io.github.webhookstarter.signing.HmacSignatureScheme;
import io.github.webhookstarter.signing.SignatureEncoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Requests of {@link WebhookRequests} are accepted by the starter's own endpoint, which
 * verifies them and dispatches them to a listener, over real HTTP and with MockMvc: for every
 * built-in scheme, and for configured sources by name.
 */
@SpringBootTest(classes = WebhookRequestsEndpointTests.TestApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "webhook.inbound.mode=sync",
				"webhook.inbound.sources.standard.signature=standard",
				"webhook.inbound.sources.standard.secret=" + WebhookRequestsEndpointTests.STANDARD_SECRET,
				"webhook.inbound.sources.github.signature=github",
				"webhook.inbound.sources.github.secret=github-secret",
				"webhook.inbound.sources.stripe.signature=stripe",
				"webhook.inbound.sources.stripe.secret=whsec_stripe-secret",
				"webhook.inbound.sources.shopify.signature=shopify",
				"webhook.inbound.sources.shopify.secret=shopify-secret",
				"webhook.inbound.sources.slack.signature=slack",
				"webhook.inbound.sources.slack.secret=slack-secret",
				"webhook.inbound.sources.paddle.signature=paddle",
				"webhook.inbound.sources.paddle.secret=pdl_ntfset_paddle-secret",
				"webhook.inbound.sources.servo.signature=servo",
				"webhook.inbound.sources.servo.secret=servo-secret",
				"webhook.inbound.sources.hmac.signature=hmac",
				"webhook.inbound.sources.hmac.secret=hmac-secret",
				"webhook.inbound.sources.hmac.hmac.header=X-Signature",
				"webhook.inbound.sources.hmac.hmac.prefix=v1=",
				"webhook.inbound.sources.hmac.hmac.encoding=base64",
				"webhook.inbound.sources.hmac.hmac.signed-content={timestamp}.{body}",
				"webhook.inbound.sources.hmac.hmac.timestamp-header=X-Timestamp",
				"webhook.inbound.sources.billing.signature=standard",
				"webhook.inbound.sources.billing.secrets=" + WebhookRequestsEndpointTests.NEW_SECRET + ","
						+ WebhookRequestsEndpointTests.STANDARD_SECRET,
				"webhook.inbound.sources.partner.signature=github",
				"webhook.inbound.sources.partner.secret=partner-secret",
				"webhook.inbound.sources.partner.path=/partner/events",
				"webhook.inbound.sources.partner.event-type=path",
				"webhook.inbound.sources.partner.signed-bytes=raw" })
@AutoConfigureWebhookRequests
class WebhookRequestsEndpointTests {

	static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final String NEW_SECRET = "whsec_c2FtcGxlLXN0YW5kYXJkLXdlYmhvb2tzLXNlY3JldA==";

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	int port;

	@Autowired
	WebApplicationContext context;

	@Autowired
	WebhookRequests webhooks;

	@Autowired
	Listener listener;

	MockMvcTester mvc;

	@BeforeEach
	void setUp() {
		this.listener.received.clear();
		this.mvc = MockMvcTester.from(this.context);
	}

	static Stream<Arguments> schemes() {
		return Stream.of(arguments("standard", WebhookRequests.standard(STANDARD_SECRET), true),
				arguments("github", WebhookRequests.github("github-secret"), true),
				arguments("stripe", WebhookRequests.stripe("whsec_stripe-secret"), true),
				arguments("shopify", WebhookRequests.shopify("shopify-secret"), true),
				arguments("slack", WebhookRequests.slack("slack-secret"), true),
				arguments("paddle", WebhookRequests.paddle("pdl_ntfset_paddle-secret"), true),
				arguments("servo", WebhookRequests.servo("servo-secret"), false),
				arguments("hmac", WebhookRequests.hmac(HmacSignatureScheme.builder()
					.header("X-Signature")
					.prefix("v1=")
					.encoding(SignatureEncoding.BASE64)
					.signedContent("{timestamp}.{body}")
					.timestampHeader("X-Timestamp")
					.build(), "hmac-secret"), false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("schemes")
	void everySchemeIsVerifiedAndDispatchedOverHttp(String source, WebhookRequestBuilder builder, boolean carriesId)
			throws Exception {
		SignedWebhookRequest request = builder.event("thing.happened").payload(Map.of("answer", 42));
		HttpResponse<String> response = send(request);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(this.listener.received).singleElement()
			.isEqualTo(new Received(source, "thing.happened", carriesId ? request.id() : null, 42));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("schemes")
	void everySchemeIsVerifiedAndDispatchedWithMockMvc(String source, WebhookRequestBuilder builder,
			boolean carriesId) {
		SignedWebhookRequest request = builder.event("thing.happened").payload(Map.of("answer", 42));
		assertThat(this.mvc.perform(request.toMockMvc())).hasStatusOk();
		assertThat(this.listener.received).singleElement()
			.isEqualTo(new Received(source, "thing.happened", carriesId ? request.id() : null, 42));
	}

	@ParameterizedTest
	@EnumSource(Compression.class)
	void compressedRequestIsVerifiedOnItsDecodedBody(Compression compression) throws Exception {
		SignedWebhookRequest request = WebhookRequests.github("github-secret")
			.event("push")
			.compress(compression)
			.payload(Map.of("answer", 7));
		assertThat(request.headers().getFirst("Content-Encoding"))
			.isEqualTo((compression != Compression.NONE) ? compression.name().toLowerCase() : null);
		assertThat(send(request).statusCode()).isEqualTo(200);
		assertThat(this.listener.received).containsExactly(new Received("github", "push", request.id(), 7));
	}

	@Test
	void jsonBodyIsSentAsGiven() throws Exception {
		String body = "{\"ref\":\"refs/heads/main\", \"answer\": 1}";
		SignedWebhookRequest request = WebhookRequests.github("github-secret").event("push").json(body);
		assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(body);
		assertThat(send(request).statusCode()).isEqualTo(200);
		assertThat(this.listener.received).containsExactly(new Received("github", "push", request.id(), 1));
	}

	@Test
	void jsonBodyMustCarryTheEventTypeWhereTheSchemeReadsIt() {
		assertThatIllegalStateException().isThrownBy(() -> WebhookRequests.standard(STANDARD_SECRET)
			.event("order.created")
			.json("{\"type\":\"order.cancelled\",\"data\":{}}")).withMessageContaining("order.cancelled");
	}

	@Test
	void sourceByNameIsSignedWithItsSchemeAndNewestSecretAsAStandardEnvelope() throws Exception {
		SignedWebhookRequest request = this.webhooks.source("billing")
			.event("invoice.paid")
			.payload(new Invoice("in_1", 1250));
		assertThat(request.path()).isEqualTo("/webhooks/billing");
		JsonNode body = JsonMapper.builder().build().readTree(request.body());
		assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
		assertThat(body.get("type").asString()).isEqualTo("invoice.paid");
		assertThat(send(request).statusCode()).isEqualTo(200);
		assertThat(this.listener.invoices).containsExactly(new Invoice("in_1", 1250));
		// the header carries one signature per secret: the newest one alone is checked here
		assertThat(this.webhooks.source("billing").secrets(NEW_SECRET).event("invoice.paid").payload(Map.of())
			.headers().getFirst("webhook-signature")).startsWith("v1,").doesNotContain(" ");
	}

	@Test
	void sourceByNameReadsItsPathEventTypeLocationAndSignedBytes() {
		SignedWebhookRequest request = this.webhooks.source("partner")
			.event("order.shipped")
			.compress(Compression.GZIP)
			.payload(Map.of("answer", 3));
		assertThat(request.path()).isEqualTo("/partner/events/order.shipped");
		assertThat(this.mvc.perform(request.toMockMvc())).hasStatusOk();
		assertThat(this.listener.received).containsExactly(new Received("partner", "order.shipped", request.id(), 3));
	}

	@Test
	void requestsOfAnApplicationContextAreBoundToItsSources() throws Exception {
		SignedWebhookRequest request = WebhookRequests.of(this.context)
			.source("github")
			.event("push")
			.payload(Map.of("answer", 5));
		assertThat(send(request).statusCode()).isEqualTo(200);
		assertThat(this.listener.received).containsExactly(new Received("github", "push", request.id(), 5));
	}

	@Test
	void wrongSecretIsRefused() throws Exception {
		SignedWebhookRequest request = this.webhooks.source("github")
			.secrets("not-the-secret")
			.event("push")
			.payload(Map.of("answer", 1));
		assertThat(send(request).statusCode()).isEqualTo(401);
		assertThat(this.listener.received).isEmpty();
	}

	@Test
	void unknownSourceIsNamedWithTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.webhooks.source("unknown"))
			.withMessageContaining("'unknown'")
			.withMessageContaining("billing");
	}

	private HttpResponse<String> send(SignedWebhookRequest request) throws Exception {
		return client.send(request.toHttpRequest(URI.create("http://localhost:" + this.port)),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Listener.class)
	static class TestApplication {

	}

	static class Listener {

		final List<Received> received = new CopyOnWriteArrayList<>();

		final List<Invoice> invoices = new CopyOnWriteArrayList<>();

		@WebhookEvent("*")
		void onAny(WebhookRequest request) {
			this.received.add(new Received(request.getSource(), request.getEventType(), request.getWebhookId(),
					request.getPayload().path("answer").asInt()));
		}

		@WebhookEvent(value = "invoice.paid", source = "billing")
		void onInvoice(Invoice invoice) {
			this.invoices.add(invoice);
		}

	}

	record Received(String source, String eventType, @Nullable String webhookId, int answer) {
	}

	record Invoice(String id, int amount) {
	}

}
