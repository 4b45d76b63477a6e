package io.github.webhookstarter.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.webhookstarter.outbound.WebhookPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link WebhookRecorder} receives real deliveries of the starter's outbound side, compressed
 * and signed as each endpoint says, and its assertions fail on a wrong secret or an event that
 * was not delivered.
 */
@SpringBootTest(classes = WebhookRecorderOutboundTests.TestApplication.class, webEnvironment = WebEnvironment.NONE)
class WebhookRecorderOutboundTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	@RegisterExtension
	static WebhookRecorder recorder = WebhookRecorder.builder().signature("standard", SECRET).start();

	@RegisterExtension
	static WebhookRecorder githubRecorder = WebhookRecorder.builder().signature("github", "github-secret").start();

	@RegisterExtension
	static WebhookRecorder wrongSecretRecorder = WebhookRecorder.builder()
		.signature("standard", "whsec_c2FtcGxlLXN0YW5kYXJkLXdlYmhvb2tzLXNlY3JldA==")
		.start();

	@Autowired
	WebhookPublisher publisher;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("webhook.outbound.endpoints[0].url", () -> recorder.url("/orders"));
		registry.add("webhook.outbound.endpoints[0].secret", () -> SECRET);
		registry.add("webhook.outbound.endpoints[0].compression", () -> "gzip");
		registry.add("webhook.outbound.endpoints[1].url", () -> githubRecorder.url("/github"));
		registry.add("webhook.outbound.endpoints[1].signature", () -> "github");
		registry.add("webhook.outbound.endpoints[1].secret", () -> "github-secret");
		registry.add("webhook.outbound.endpoints[1].compression", () -> "br");
		registry.add("webhook.outbound.endpoints[2].url", () -> wrongSecretRecorder.url("/hooks"));
		registry.add("webhook.outbound.endpoints[2].secret", () -> SECRET);
	}

	@Test
	void receivesSignedAndCompressedDeliveries() {
		this.publisher.publish("order.created", new OrderCreated("o-1", 2));
		assertThat(recorder).received("order.created")
			.withPayloadSatisfying(OrderCreated.class,
					(order) -> assertThat(order).isEqualTo(new OrderCreated("o-1", 2)))
			.withHeader("Content-Encoding", "gzip");
		assertThat(githubRecorder).received("order.created")
			.withPayloadSatisfying((payload) -> assertThat(payload.get("orderId").asString()).isEqualTo("o-1"))
			.withHeader("Content-Encoding", "br");
	}

	@Test
	void wrongSecretFailsTheAssertion() {
		this.publisher.publish("order.created", new OrderCreated("o-2", 1));
		await().until(() -> !wrongSecretRecorder.received().isEmpty());
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(wrongSecretRecorder).within(Duration.ZERO).received("order.created"))
			.withMessageContaining("POST /hooks 'order.created' (signature INVALID)");
	}

	@Test
	void absentEventFailsTheAssertion() {
		this.publisher.publish("order.created", new OrderCreated("o-3", 1));
		assertThat(recorder).received("order.created");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(recorder).within(Duration.ofMillis(500)).received("order.cancelled"))
			.withMessageContaining("'order.cancelled'");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

	record OrderCreated(String orderId, int quantity) {
	}

}
