package io.github.webhookstarter.actuate;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import io.github.webhookstarter.outbound.Envelope;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.WebhookEventTypes;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.outbound.WebhookPublisher;
import io.github.webhookstarter.signing.GitHubSignatureScheme;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;
import io.github.webhookstarter.store.memory.InMemoryEndpointStateStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebhookEventOperations}.
 */
class WebhookEventOperationsTests {

	private static final Instant NOW = Instant.parse("2026-12-03T10:15:30Z");

	private final JsonMapper json = JsonMapper.builder().build();

	private final WebhookEventTypes eventTypes = new WebhookEventTypes();

	private final List<Object> published = new ArrayList<>();

	private final WebhookPublisher publisher = (type, payload) -> {
		this.published.add(payload);
		return new WebhookMessage("msg_1", type, NOW, new byte[0]);
	};

	private final WebhookEndpoints endpoints = new WebhookEndpoints(List.of(
			WebhookEndpoint.builder("standard", URI.create("https://example.com/a"))
				.signature(new StandardWebhooksSignatureScheme(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
				.events("shop.*")
				.build(),
			WebhookEndpoint.builder("github", URI.create("https://example.com/b"))
				.signature(new GitHubSignatureScheme(), "gh-secret")
				.events("shop.refund")
				.build(),
			WebhookEndpoint.builder("off", URI.create("https://example.com/c"))
				.signature(new GitHubSignatureScheme(), "gh-secret")
				.enabled(false)
				.build()),
			new InMemoryEndpointStateStore());

	record Line(String sku) {

	}

	record Order(String id, Line line, Line gift) {

	}

	static final class Other {

		record Line(int quantity) {

		}

		record Order(Line first, Line second) {

		}

	}

	@Test
	void namesComponentsAfterTheirClassesSuffixedWhereTwoDiffer() {
		this.eventTypes.record("shop.order", Order.class);
		this.eventTypes.record("shop.other", Other.Order.class);
		this.eventTypes.record("shop.again", Order.class);
		JsonNode document = openApi(Envelope.STANDARD);
		assertThat(document.get("components").get("schemas").propertyNames()).containsExactlyInAnyOrder("Order",
				"Line", "Order2", "Line2");
		JsonNode other = document.get("components").get("schemas").get("Order2");
		assertThat(other.get("properties").get("first").get("$ref").asString())
			.isEqualTo("#/components/schemas/Line2");
		assertThat(data(document, "shop.again").get("$ref").asString()).isEqualTo("#/components/schemas/Order");
	}

	@Test
	void aHeaderIsRequiredWhenEverySubscriberSendsIt() {
		this.eventTypes.record("shop.refund", Order.class);
		JsonNode parameters = openApi(Envelope.STANDARD).get("webhooks").get("shop.refund").get("post").get("parameters");
		assertThat(parameters.valueStream().map((parameter) -> parameter.get("name").asString()))
			.containsExactly("webhook-id", "webhook-timestamp", "webhook-signature", "X-Hub-Signature-256");
		assertThat(parameters.valueStream().map((parameter) -> parameter.get("required").asBoolean()))
			.containsOnly(false);
	}

	@Test
	void describesTheRawPayloadAloneWithoutEnvelope() {
		this.eventTypes.record("shop.order", Order.class);
		this.eventTypes.record("shop.note", null);
		JsonNode document = openApi(Envelope.RAW);
		assertThat(body(document, "shop.order").get("$ref").asString()).isEqualTo("#/components/schemas/Order");
		assertThat(body(document, "shop.note").isEmpty()).isTrue();
	}

	@Test
	void withoutSchemaGeneratorNoPayloadHasASchema() {
		this.eventTypes.record("shop.order", Order.class);
		WebhookEventOperations operations = operations(null, Envelope.STANDARD);
		assertThat(operations.schema("shop.order")).isNull();
		assertThat(this.json.valueToTree(operations.openApi()).has("components")).isFalse();
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> operations.trigger("shop.order", null, null));
		assertThat(operations.trigger("shop.order", "{\"id\":\"o-1\"}", null)).isNotNull();
		assertThat(this.published).containsExactly(new Order("o-1", null, null));
	}

	@Test
	void triggersToEverySubscriberThroughThePublisher() {
		this.eventTypes.record("shop.refund", Order.class);
		WebhookEventOperations.TriggerDescriptor triggered = operations(generator(), Envelope.STANDARD)
			.trigger("shop.refund", null, null);
		assertThat(triggered).isEqualTo(new WebhookEventOperations.TriggerDescriptor("msg_1", "shop.refund",
				List.of("standard", "github")));
		assertThat(this.published).containsExactly(new Order("string", new Line("string"), new Line("string")));
	}

	@Test
	void anEndpointTheConfigurationDoesNotEnableIsNotTargeted() {
		this.eventTypes.record("shop.refund", Order.class);
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> operations(generator(), Envelope.STANDARD).trigger("shop.refund", null, "off"));
		assertThat(this.published).isEmpty();
	}

	@Test
	void anotherPublisherCannotTargetOneEndpoint() {
		this.eventTypes.record("shop.refund", Order.class);
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> operations(generator(), Envelope.STANDARD).trigger("shop.refund", null, "github"));
	}

	private JsonNode body(JsonNode document, String type) {
		return document.get("webhooks").get(type).get("post").get("requestBody").get("content").get("application/json")
			.get("schema");
	}

	private JsonNode data(JsonNode document, String type) {
		return body(document, type).get("properties").get("data");
	}

	private JsonNode openApi(Envelope envelope) {
		return this.json.valueToTree(operations(generator(), envelope).openApi());
	}

	private PayloadSchemaGenerator generator() {
		return new VictoolsPayloadSchemaGenerator(this.json);
	}

	private WebhookEventOperations operations(PayloadSchemaGenerator generator, Envelope envelope) {
		return new WebhookEventOperations(this.eventTypes, this.endpoints, this.publisher, generator, this.json,
				envelope, Clock.fixed(NOW, ZoneOffset.UTC), "Webhooks");
	}

}
