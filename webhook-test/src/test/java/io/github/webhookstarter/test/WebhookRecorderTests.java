package io.github.webhookstarter.test;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.webhookstarter.codec.Compression;
import io.github.webhookstarter.signing.SignatureSchemes;
import io.github.webhookstarter.signing.SignatureVerification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link WebhookRecorder} records what it receives over HTTP, decodes compressed bodies,
 * verifies signatures with every built-in scheme, and its assertions fail saying what arrived.
 */
class WebhookRecorderTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final SignatureSchemes schemes = new SignatureSchemes(List.of());

	@RegisterExtension
	static WebhookRecorder recorder = WebhookRecorder.builder().signature("standard", SECRET).start();

	static Stream<Arguments> schemes() {
		return Stream.of(arguments("standard", "json:/type", "json:/data"),
				arguments("github", "header:X-GitHub-Event", "body"), arguments("stripe", "json:/type", "body"),
				arguments("shopify", "header:X-Shopify-Topic", "body"), arguments("slack", "json:/event/type", "body"),
				arguments("paddle", "json:/event_type", "body"), arguments("servo", "json:/type", "body"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("schemes")
	void verifiesEveryBuiltInScheme(String scheme, String eventType, String payload) throws Exception {
		try (WebhookRecorder schemeRecorder = WebhookRecorder.builder()
			.signature(scheme, SECRET)
			.eventType(eventType)
			.payload(payload)
			.start()) {
			SignedWebhookRequest request = WebhookRequests.scheme(schemes.get(scheme), SECRET)
				.event("thing.happened")
				.payload(Map.of("answer", 42));
			assertThat(send(schemeRecorder, request).statusCode()).isEqualTo(200);
			assertThat(schemeRecorder).received("thing.happened")
				.withPayloadSatisfying((json) -> assertThat(json.get("answer").asInt()).isEqualTo(42));
		}
	}

	@ParameterizedTest
	@EnumSource(Compression.class)
	void decodesCompressedBodies(Compression compression) throws Exception {
		SignedWebhookRequest request = WebhookRequests.standard(SECRET)
			.event("order.created")
			.compress(compression)
			.payload(Map.of("orderId", "o-1"));
		assertThat(send(recorder, request).statusCode()).isEqualTo(200);
		RecordedWebhook received = assertThat(recorder).received("order.created")
			.withPayloadSatisfying(Order.class, (order) -> assertThat(order.orderId()).isEqualTo("o-1"))
			.withHeader("webhook-id", request.id())
			.actual();
		assertThat(received.id()).isEqualTo(request.id());
		assertThat(received.rawBody()).isEqualTo(request.body());
		assertThat(received.bodyAsString()).contains("\"orderId\":\"o-1\"");
	}

	@Test
	void wrongSecretIsAnswered401AndFailsTheAssertion() throws Exception {
		SignedWebhookRequest request = WebhookRequests.standard("whsec_c2FtcGxlLXN0YW5kYXJkLXdlYmhvb2tzLXNlY3JldA==")
			.event("order.created")
			.payload(Map.of("orderId", "o-1"));
		assertThat(send(recorder, request).statusCode()).isEqualTo(401);
		assertThat(recorder.received()).singleElement()
			.satisfies((webhook) -> assertThat(webhook.verification()).isEqualTo(SignatureVerification.INVALID));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(recorder).within(Duration.ZERO).received("order.created"))
			.withMessageContaining("'order.created' (signature INVALID)");
		assertThat(recorder).hasNotReceived("order.created");
	}

	@Test
	void absentEventFailsTheAssertionAfterWaiting() throws Exception {
		assertThat(send(recorder, WebhookRequests.standard(SECRET).event("order.created").payload(Map.of()))
			.statusCode()).isEqualTo(200);
		long start = System.nanoTime();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(recorder).within(Duration.ofMillis(300)).received("order.cancelled"))
			.withMessageContaining("to receive a 'order.cancelled' webhook within PT0.3S")
			.withMessageContaining("'order.created' (signature VALID)");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(recorder).hasNotReceived("order.created"));
	}

	@Test
	void waitsForALateDelivery() {
		new Thread(() -> {
			try {
				Thread.sleep(200);
				send(recorder, WebhookRequests.standard(SECRET).event("order.created").payload(Map.of()));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).start();
		assertThat(recorder).received("order.created");
	}

	private static HttpResponse<String> send(WebhookRecorder recorder, SignedWebhookRequest request)
			throws Exception {
		return client.send(request.toHttpRequest(recorder.url()), HttpResponse.BodyHandlers.ofString());
	}

	record Order(String orderId) {
	}

}
