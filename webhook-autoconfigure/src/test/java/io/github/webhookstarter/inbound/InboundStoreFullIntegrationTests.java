package io.github.webhookstarter.inbound;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

import io.github.webhookstarter.WebhookEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full in-memory inbound store answers 503 with {@code Retry-After}, over real HTTP, until
 * calls have been processed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = InboundStoreFullIntegrationTests.TestApplication.class,
		properties = { "webhook.store=memory", "webhook.inbound.memory.max-calls=2",
				"webhook.inbound.sources.open.allow-unauthenticated=true" })
class InboundStoreFullIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BlockingListener listener;

	@Test
	void fullStoreAnswersServiceUnavailableWithRetryAfterUntilCallsAreProcessed() throws Exception {
		WebhookCalls calls = new WebhookCalls(this.port);
		assertThat(send(calls, "first").statusCode()).isEqualTo(202);
		assertThat(send(calls, "second").statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.listener.entered).containsExactlyInAnyOrder("first", "second"));
		HttpResponse<String> refused = send(calls, "third");
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = JsonMapper.builder().build().readTree(refused.body());
		assertThat(problem.path("status").asInt()).isEqualTo(503);
		assertThat(problem.path("detail").asString()).isEqualTo("The webhook store is full; retry later");
		this.listener.release.countDown();
		// the processed calls make room, oldest first, so that both new calls are accepted
		await().untilAsserted(() -> assertThat(send(calls, "fourth").statusCode()).isEqualTo(202));
		assertThat(send(calls, "fifth").statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.listener.entered).containsExactlyInAnyOrder("first", "second",
				"fourth", "fifth"));
	}

	private static HttpResponse<String> send(WebhookCalls calls, String type) throws Exception {
		return calls.post("/webhooks/open").json("{\"type\":\"" + type + "\"}").send();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		BlockingListener blockingListener() {
			return new BlockingListener();
		}

	}

	static class BlockingListener {

		final List<String> entered = new CopyOnWriteArrayList<>();

		final CountDownLatch release = new CountDownLatch(1);

		@WebhookEvent(value = "*", source = "open")
		void onEvent(WebhookRequest request) throws InterruptedException {
			this.entered.add(request.getEventType());
			assertThat(this.release.await(1, TimeUnit.MINUTES)).isTrue();
		}

	}

}
