package io.github.webhookstarter.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureVerification;
import io.github.webhookstarter.signing.SignedContent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery engine with the poll interval users run (1 s) and the JDK client: retries go out when they are
 * due, also right after a burst; a listener of the library's events cannot undo a result; an
 * exception while sending is a failed attempt on the endpoint's back-off; failures are logged
 * once per endpoint and minute, exhausted deliveries once each; requests in flight to slow
 * endpoints hold no thread each.
 */
@ExtendWith(OutputCaptureExtension.class)
// the JDK client, the default without Apache HttpClient 5, which the tests have for tests of their own
@SpringBootTest(classes = OutboundEngineIntegrationTests.TestApplication.class,
		properties = { "webhook.store=memory", "spring.http.clients.imperative.factory=jdk" })
class OutboundEngineIntegrationTests {

	static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final TestReceiver receiver = TestReceiver.start();

	static final List<Long> retryHits = new CopyOnWriteArrayList<>();

	@Autowired
	WebhookPublisher publisher;

	@Autowired
	DeliveryStore store;

	@Autowired
	LibraryEventsRecorder libraryEvents;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		endpoint(registry, 0, "burst", "/burst", "burst.*");
		endpoint(registry, 1, "retry-once", "/retry", "retry.*");
		registry.add("webhook.outbound.endpoints[1].backoff.intervals", () -> "1s");
		registry.add("webhook.outbound.endpoints[1].backoff.jitter", () -> "0");
		endpoint(registry, 2, "sink", "/sink", "sink.*");
		endpoint(registry, 3, "exploding", "/exploding", "exploding.*");
		registry.add("webhook.outbound.endpoints[3].signature", () -> "exploding");
		registry.add("webhook.outbound.endpoints[3].backoff.intervals", () -> "1h");
		registry.add("webhook.outbound.endpoints[3].backoff.jitter", () -> "0");
		endpoint(registry, 4, "down", "/down", "down.*");
		registry.add("webhook.outbound.endpoints[4].backoff.intervals", () -> "100ms,100ms,100ms");
		registry.add("webhook.outbound.endpoints[4].backoff.jitter", () -> "0");
		// as many as the default maximum of requests in flight, 16 per endpoint
		for (int i = 0; i < 4; i++) {
			endpoint(registry, 5 + i, "slow-" + i, "/slow-" + i, "slow.*");
		}
	}

	private static void endpoint(DynamicPropertyRegistry registry, int index, String name, String path,
			String events) {
		String prefix = "webhook.outbound.endpoints[" + index + "].";
		registry.add(prefix + "name", () -> name);
		registry.add(prefix + "url", () -> receiver.url(path));
		registry.add(prefix + "events", () -> events);
		registry.add(prefix + "secret", () -> SECRET);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void setUp() {
		receiver.reset();
		this.libraryEvents.events.clear();
	}

	@Test
	void retryGoesOutWhenDueWithTheDefaultPollIntervalAlsoRightAfterABurst() {
		receiver.answer("/retry", (request) -> {
			retryHits.add(System.nanoTime());
			return TestReceiver.Answer.status((request.hit() == 1) ? 500 : 204);
		});
		for (int i = 0; i < 100; i++) {
			this.publisher.publish("burst.item", Map.of("n", i));
		}
		await().until(() -> receiver.received("/burst").size() == 100);
		this.publisher.publish("retry.now", Map.of("n", 1));
		await().atMost(Duration.ofSeconds(15)).until(() -> retryHits.size() == 2);
		Duration between = Duration.ofNanos(retryHits.get(1) - retryHits.get(0));
		// due 1 s after the first attempt failed, and attempted within 1.5 s of that
		assertThat(between).isBetween(Duration.ofSeconds(1), Duration.ofMillis(2500));
	}

	@Test
	void requestsInFlightHoldNoThreadEach() {
		for (int i = 0; i < 4; i++) {
			receiver.answer("/slow-" + i, (request) -> TestReceiver.Answer.status(204).delay(1000));
		}
		// other test contexts, cached, may hold idle threads of the same names
		int threadsBefore = senderThreads();
		long start = System.nanoTime();
		for (int i = 0; i < 16; i++) {
			this.publisher.publish("slow.event", Map.of("n", i));
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> slowHits() == 64);
		// every request is in flight, waiting for its answer
		int threadsInFlight = senderThreads() - threadsBefore;
		assertThat(this.libraryEvents.of(WebhookDeliverySucceeded.class)).isEmpty();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.libraryEvents.of(WebhookDeliverySucceeded.class).size() == 64);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(elapsed).isBetween(Duration.ofSeconds(1), Duration.ofMillis(2500));
		// the client's pool grows with the tasks it runs at once (about 16 here), not with requests
		assertThat(threadsInFlight).isLessThan(32);
	}

	private static int slowHits() {
		int hits = 0;
		for (int i = 0; i < 4; i++) {
			hits += receiver.hits("/slow-" + i);
		}
		return hits;
	}

	private static int senderThreads() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("webhook-delivery-")
					|| thread.getName().startsWith("webhook-http-"))
			.count();
	}

	@Test
	void aThrowingListenerOfTheLibraryEventsCannotMakeADeliveredWebhookPendingAgain() throws Exception {
		this.libraryEvents.throwOnSucceeded = true;
		try {
			WebhookMessage message = this.publisher.publish("sink.event", Map.of("id", "s-1"));
			await().until(() -> receiver.received("/sink").size() == 1);
			// several polls of the default interval
			Thread.sleep(3000);
			assertThat(receiver.received("/sink")).hasSize(1);
			assertThat(this.store.findDeliveries(message.id())).singleElement()
				.satisfies((delivery) -> assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED));
		}
		finally {
			this.libraryEvents.throwOnSucceeded = false;
		}
	}

	@Test
	void anExceptionWhileSendingIsAFailedAttemptOnTheEndpointsBackOff() throws Exception {
		Instant publishedAt = Instant.now();
		WebhookMessage message = this.publisher.publish("exploding.event", Map.of("id", "e-1"));
		await().until(() -> this.libraryEvents.of(WebhookDeliveryFailed.class).size() == 1);
		WebhookDeliveryFailed failed = this.libraryEvents.of(WebhookDeliveryFailed.class).get(0);
		assertThat(failed.attempt().error()).contains("IllegalStateException").contains("signing exploded");
		assertThat(failed.nextAttemptAt()).isAfter(publishedAt.plus(Duration.ofMinutes(59)));
		Thread.sleep(3000);
		Delivery delivery = this.store.findDeliveries(message.id()).get(0);
		assertThat(this.store.findAttempts(delivery.id())).hasSize(1);
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(delivery.dueAt()).isEqualTo(failed.nextAttemptAt());
		assertThat(receiver.received("/exploding")).isEmpty();
	}

	@Test
	void failedAttemptsAreLoggedOncePerEndpointAndMinuteAndExhaustedDeliveriesOnceEach(CapturedOutput output) {
		receiver.answer("/down", (request) -> TestReceiver.Answer.status(500));
		this.publisher.publish("down.first", Map.of("id", "d-1"));
		this.publisher.publish("down.second", Map.of("id", "d-2"));
		await().until(() -> this.libraryEvents.of(WebhookDeliveryExhausted.class).size() == 2);
		assertThat(this.libraryEvents.of(WebhookDeliveryFailed.class)).hasSize(8);
		String all = output.getAll();
		assertThat(count(all, "to endpoint 'down' failed with HTTP 500 (attempt ")).isEqualTo(1);
		assertThat(all).containsPattern("to endpoint 'down' failed with HTTP 500 \\(attempt 1 of 4\\); next attempt at ");
		assertThat(count(all, "to endpoint 'down' failed for good after 4 attempt(s), the last with HTTP 500"))
			.isEqualTo(2);
		assertThat(all).doesNotContain(SECRET);
	}

	private static int count(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		LibraryEventsRecorder libraryEventsRecorder() {
			return new LibraryEventsRecorder();
		}

		@Bean
		SignatureScheme exploding() {
			return new SignatureScheme() {

				@Override
				public String name() {
					return "exploding";
				}

				@Override
				public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
					// the endpoint is checked at startup with a test signature, which must pass
					if (new String(content.body(), StandardCharsets.UTF_8).contains("exploding.event")) {
						throw new IllegalStateException("signing exploded");
					}
					return new HttpHeaders();
				}

				@Override
				public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets,
						Instant now, Duration tolerance) {
					return SignatureVerification.INVALID;
				}

			};
		}

	}

	static class LibraryEventsRecorder {

		final List<Object> events = new CopyOnWriteArrayList<>();

		volatile boolean throwOnSucceeded;

		@EventListener
		void on(WebhookDeliverySucceeded event) {
			this.events.add(event);
			if (this.throwOnSucceeded) {
				throw new IllegalStateException("listener of WebhookDeliverySucceeded failed");
			}
		}

		@EventListener
		void on(WebhookDeliveryFailed event) {
			this.events.add(event);
		}

		@EventListener
		void on(WebhookDeliveryExhausted event) {
			this.events.add(event);
		}

		<T> List<T> of(Class<T> type) {
			return this.events.stream().filter(type::isInstance).map(type::cast).toList();
		}

	}

}
