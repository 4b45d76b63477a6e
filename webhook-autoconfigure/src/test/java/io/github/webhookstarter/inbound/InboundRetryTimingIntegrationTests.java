package io.github.webhookstarter.inbound;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

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
 * A listener's retry runs when it is due with the poll interval users run (1 s), also right
 * after a burst of calls.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = InboundRetryTimingIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.sources.open.allow-unauthenticated=true",
				"webhook.inbound.backoff.intervals=1s", "webhook.inbound.backoff.jitter=0" })
class InboundRetryTimingIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Listener listener;

	@Test
	void retryRunsWhenDueAlsoRightAfterABurst() throws Exception {
		WebhookCalls calls = new WebhookCalls(this.port);
		assertThat(calls.post("/webhooks/open").json("{\"type\":\"flaky.once\"}").send().statusCode()).isEqualTo(202);
		await().until(() -> this.listener.flakyRuns.size() == 1);
		// a burst right after the failure: every finished call wakes the worker up, finding nothing due
		List<CompletableFuture<Integer>> burst = IntStream.range(0, 100)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> post(calls, "{\"type\":\"burst.item\"}")))
			.toList();
		assertThat(burst).allSatisfy((call) -> assertThat(call.join()).isEqualTo(202));
		await().atMost(Duration.ofSeconds(15)).until(() -> this.listener.flakyRuns.size() == 2);
		Duration between = Duration.ofNanos(this.listener.flakyRuns.get(1) - this.listener.flakyRuns.get(0));
		// due 1 s after the first run failed, and run within 1.5 s of that
		assertThat(between).isBetween(Duration.ofSeconds(1), Duration.ofMillis(2500));
	}

	private static int post(WebhookCalls calls, String body) {
		try {
			return calls.post("/webhooks/open").json(body).send().statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Listener listener() {
			return new Listener();
		}

	}

	static class Listener {

		final AtomicInteger burst = new AtomicInteger();

		final List<Long> flakyRuns = new CopyOnWriteArrayList<>();

		@WebhookEvent("burst.item")
		void onBurst(WebhookRequest request) {
			this.burst.incrementAndGet();
		}

		@WebhookEvent("flaky.once")
		void onFlaky(WebhookRequest request) {
			this.flakyRuns.add(System.nanoTime());
			if (this.flakyRuns.size() == 1) {
				throw new IllegalStateException("first run fails");
			}
		}

	}

}
