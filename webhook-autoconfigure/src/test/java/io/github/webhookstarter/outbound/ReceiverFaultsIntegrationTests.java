package io.github.webhookstarter.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.webhookstarter.outbound.TestReceiver.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Receivers that misbehave, each beside a healthy endpoint that gets a copy of every webhook:
 * they refuse connections, accept and never answer, answer after the timeout, reset the
 * connection mid-response, answer 500 forever, answer 429 with {@code Retry-After}, return a
 * 2 GB body or redirect. For each, what the receivers got, what the store recorded (attempts,
 * status codes, errors, when the next attempt is due) and that the healthy endpoint kept its
 * pace. The engine runs with its defaults (the JDK client, poll interval, back-off,
 * concurrency) except for the timeout of the endpoints that answer late, shortened to keep the
 * test fast.
 */
@SpringBootTest(classes = ReceiverFaultsIntegrationTests.TestApplication.class,
		properties = { "webhook.store=memory", "spring.http.clients.imperative.factory=jdk" })
class ReceiverFaultsIntegrationTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final long TWO_GIGABYTES = 1L << 31;

	// the default back-off's first retry: 5 s, ±20 % jitter
	private static final Duration FIRST_RETRY_MIN = Duration.ofSeconds(4);

	private static final Duration FIRST_RETRY_MAX = Duration.ofSeconds(6);

	// what the client may read of an endless body beyond the 4 KB excerpt: socket buffers
	private static final long MAX_BYTES_READ_OF_HUGE_BODY = 64L * 1024 * 1024;

	static final TestReceiver receiver = TestReceiver.start();

	static final RawReceiver hanging = RawReceiver.start(RawReceiver.hang());

	static final RawReceiver resetInHead = RawReceiver.start(RawReceiver.resetAfter("HTTP/1.1 200 OK\r\nContent-Le"));

	static final RawReceiver resetInBody = RawReceiver
		.start(RawReceiver.resetAfter("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"));

	static final AtomicLong hugeBodyBytesWritten = new AtomicLong();

	static final AtomicInteger hugeBodiesEnded = new AtomicInteger();

	static final RawReceiver huge = RawReceiver.start((socket, out) -> {
		out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + TWO_GIGABYTES
				+ "\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		byte[] zeros = new byte[64 * 1024];
		try {
			for (long written = 0; written < TWO_GIGABYTES; written += zeros.length) {
				out.write(zeros);
				hugeBodyBytesWritten.addAndGet(zeros.length);
			}
		}
		finally {
			hugeBodiesEnded.incrementAndGet();
		}
	});

	static final int refusingPort = closedPort();

	@Autowired
	WebhookPublisher publisher;

	@Autowired
	DeliveryStore store;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		List<String[]> endpoints = List.of(new String[] { "healthy", receiver.url("/healthy"), "fault.*" },
				new String[] { "refusing", "http://127.0.0.1:" + refusingPort + "/refusing", "fault.refused" },
				new String[] { "hanging", hanging.url("/hanging"), "fault.hanging" },
				new String[] { "late", receiver.url("/late"), "fault.late" },
				new String[] { "reset-in-head", resetInHead.url("/reset"), "fault.reset" },
				new String[] { "reset-in-body", resetInBody.url("/reset"), "fault.reset" },
				new String[] { "erroring", receiver.url("/erroring"), "fault.erroring" },
				new String[] { "limited", receiver.url("/limited"), "fault.limited" },
				new String[] { "huge", huge.url("/huge"), "fault.huge" },
				new String[] { "redirect-302", receiver.url("/redirect-302"), "fault.redirect" },
				new String[] { "redirect-307", receiver.url("/redirect-307"), "fault.redirect" });
		for (int i = 0; i < endpoints.size(); i++) {
			String prefix = "webhook.outbound.endpoints[" + i + "].";
			String[] endpoint = endpoints.get(i);
			registry.add(prefix + "name", () -> endpoint[0]);
			registry.add(prefix + "url", () -> endpoint[1]);
			registry.add(prefix + "events", () -> endpoint[2]);
			registry.add(prefix + "secret", () -> SECRET);
			if (endpoint[0].equals("hanging") || endpoint[0].equals("late")) {
				registry.add(prefix + "timeout", () -> "2s");
			}
		}
	}

	@AfterAll
	static void stopReceivers() {
		receiver.close();
		hanging.close();
		resetInHead.close();
		resetInBody.close();
		huge.close();
	}

	@BeforeEach
	void setUp() {
		receiver.reset();
		receiver.answer("/erroring", (request) -> Answer.status(500).body("down"));
		receiver.answer("/late", (request) -> Answer.status(200).delay(3000));
		receiver.answer("/redirect-302",
				(request) -> Answer.status(302).header("Location", receiver.url("/redirect-target")));
		receiver.answer("/redirect-307",
				(request) -> Answer.status(307).header("Location", receiver.url("/redirect-target")));
	}

	@Test
	void refusedConnectionIsAFailedAttemptRetriedOnTheBackOff() {
		List<WebhookMessage> messages = publish("fault.refused", 20);
		assertHealthyKeptFlowing(messages);
		for (Delivery delivery : firstAttemptMade(messages, "refusing")) {
			DeliveryAttempt attempt = onlyAttempt(delivery);
			assertThat(attempt.statusCode()).isNull();
			assertThat(attempt.error()).contains("ConnectException");
			assertThat(attempt.duration()).isLessThan(Duration.ofSeconds(1));
			assertDueOnFirstRetry(delivery, attempt);
		}
	}

	@Test
	void receiverThatNeverAnswersIsCutAtTheTimeoutWithoutDelayingOthers() {
		List<WebhookMessage> messages = publish("fault.hanging", 10);
		// delivered to the healthy endpoint while every request to the hanging one still waits
		assertHealthyKeptFlowing(messages);
		assertThat(deliveries(messages, "hanging")).allSatisfy(
				(delivery) -> assertThat(this.store.findAttempts(delivery.id())).isEmpty());
		assertThat(hanging.requests()).isPositive();
		for (Delivery delivery : firstAttemptMade(messages, "hanging")) {
			assertTimedOut(delivery);
		}
	}

	@Test
	void receiverThatAnswersAfterTheTimeoutIsAFailedAttempt() {
		List<WebhookMessage> messages = publish("fault.late", 10);
		// delivered to the healthy endpoint before the late answers, which wait for their timeout
		assertHealthyKeptFlowing(messages);
		assertThat(deliveries(messages, "late")).allSatisfy(
				(delivery) -> assertThat(this.store.findAttempts(delivery.id())).isEmpty());
		for (Delivery delivery : firstAttemptMade(messages, "late")) {
			assertTimedOut(delivery);
		}
		// the receiver got every request, though its answers came too late to count
		assertThat(receiver.hits("/late")).isEqualTo(messages.size());
	}

	@Test
	void connectionResetMidResponse() {
		List<WebhookMessage> messages = publish("fault.reset", 10);
		assertHealthyKeptFlowing(messages);
		// before a complete status line and headers: no answer, retried
		for (Delivery delivery : firstAttemptMade(messages, "reset-in-head")) {
			DeliveryAttempt attempt = onlyAttempt(delivery);
			assertThat(attempt.statusCode()).isNull();
			assertThat(attempt.error()).isNotBlank();
			assertDueOnFirstRetry(delivery, attempt);
		}
		// after a 2xx head, in the body: the endpoint accepted the webhook, only the excerpt is lost
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(deliveries(messages, "reset-in-body")).extracting(Delivery::status)
				.containsOnly(DeliveryStatus.DELIVERED));
		assertThat(deliveries(messages, "reset-in-body")).allSatisfy((delivery) -> {
			DeliveryAttempt attempt = onlyAttempt(delivery);
			assertThat(attempt.statusCode()).isEqualTo(200);
			assertThat(attempt.responseExcerpt()).isNull();
		});
		assertThat(resetInHead.requests()).isEqualTo(messages.size());
		assertThat(resetInBody.requests()).isEqualTo(messages.size());
	}

	@Test
	void receiverThatAnswers500ForeverIsRetriedOnTheDefaultSchedule() {
		List<WebhookMessage> messages = publish("fault.erroring", 5);
		assertHealthyKeptFlowing(messages);
		// the default schedule: at once, then after 5 s, then after 5 min, each ±20 %
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(deliveries(messages, "erroring")).allSatisfy((delivery) -> {
				assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
				assertThat(this.store.findAttempts(delivery.id())).hasSize(2);
			}));
		for (Delivery delivery : deliveries(messages, "erroring")) {
			List<DeliveryAttempt> attempts = this.store.findAttempts(delivery.id());
			assertThat(attempts).extracting(DeliveryAttempt::statusCode).containsExactly(500, 500);
			assertThat(attempts).extracting(DeliveryAttempt::responseExcerpt).containsOnly("down");
			assertThat(Duration.between(attempts.get(0).startedAt(), attempts.get(1).startedAt()))
				.isBetween(FIRST_RETRY_MIN, FIRST_RETRY_MAX.plusSeconds(1));
			assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
			assertThat(delivery.dueAt()).isBetween(attempts.get(1).startedAt().plus(Duration.ofMinutes(4)),
					attempts.get(1).startedAt().plus(Duration.ofMinutes(6)).plusSeconds(1));
		}
		assertThat(receiver.hits("/erroring")).isEqualTo(2 * messages.size());
	}

	@Test
	void retryAfterOf429IsHonouredAndCappedAtOneDay() {
		Set<String> answered = ConcurrentHashMap.newKeySet();
		// a first 429 for each webhook, with the Retry-After its payload asks for, then 200
		receiver.answer("/limited", (request) -> {
			if (!answered.add(request.headers().getFirst("webhook-id"))) {
				return Answer.status(200);
			}
			String body = request.bodyAsString();
			String retryAfter = body.substring(body.indexOf("\"retryAfter\":\"") + 14, body.lastIndexOf('"'));
			return Answer.status(429).header("Retry-After", retryAfter);
		});
		WebhookMessage soon = this.publisher.publish("fault.limited", Map.of("retryAfter", "2"));
		WebhookMessage inAnHour = this.publisher.publish("fault.limited", Map.of("retryAfter", "3600"));
		WebhookMessage never = this.publisher.publish("fault.limited", Map.of("retryAfter", "99999999999999999999"));
		List<WebhookMessage> messages = List.of(soon, inAnHour, never);
		assertHealthyKeptFlowing(messages);
		// 2 s, where the back-off would have said 5 s
		await().atMost(Duration.ofSeconds(5))
			.until(() -> delivery(soon, "limited").status() == DeliveryStatus.DELIVERED);
		List<DeliveryAttempt> attempts = this.store.findAttempts(delivery(soon, "limited").id());
		assertThat(attempts).extracting(DeliveryAttempt::statusCode).containsExactly(429, 200);
		assertThat(Duration.between(attempts.get(0).startedAt(), attempts.get(1).startedAt()))
			.isBetween(Duration.ofSeconds(2), Duration.ofMillis(3500));
		assertDueAfter(delivery(inAnHour, "limited"), Duration.ofHours(1));
		assertDueAfter(delivery(never, "limited"), Duration.ofDays(1));
		assertThat(receiver.hits("/limited")).isEqualTo(4);
	}

	@Test
	void hugeBodyIsReadOnlyUpToTheExcerpt() {
		List<WebhookMessage> messages = publish("fault.huge", 3);
		assertHealthyKeptFlowing(messages);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(deliveries(messages, "huge")).extracting(Delivery::status)
				.containsOnly(DeliveryStatus.DELIVERED));
		assertThat(deliveries(messages, "huge")).allSatisfy((delivery) -> {
			DeliveryAttempt attempt = onlyAttempt(delivery);
			assertThat(attempt.statusCode()).isEqualTo(200);
			assertThat(attempt.responseExcerpt()).isEqualTo("\0".repeat(4096));
			assertThat(attempt.duration()).isLessThan(Duration.ofSeconds(2));
		});
		// the client closed each connection after its excerpt: the receiver stopped writing, far short of 2 GB
		await().atMost(Duration.ofSeconds(5)).until(() -> hugeBodiesEnded.get() == messages.size());
		assertThat(hugeBodyBytesWritten.get()).isLessThan(messages.size() * MAX_BYTES_READ_OF_HUGE_BODY);
	}

	@Test
	void redirectIsNotFollowedAndIsAFailedAttempt() {
		List<WebhookMessage> messages = publish("fault.redirect", 5);
		assertHealthyKeptFlowing(messages);
		for (String endpoint : List.of("redirect-302", "redirect-307")) {
			int status = Integer.parseInt(endpoint.substring("redirect-".length()));
			for (Delivery delivery : firstAttemptMade(messages, endpoint)) {
				DeliveryAttempt attempt = onlyAttempt(delivery);
				assertThat(attempt.statusCode()).isEqualTo(status);
				assertDueOnFirstRetry(delivery, attempt);
			}
		}
		assertThat(receiver.hits("/redirect-target")).isZero();
	}

	private List<WebhookMessage> publish(String type, int count) {
		List<WebhookMessage> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			messages.add(this.publisher.publish(type, Map.of("i", i)));
		}
		return messages;
	}

	// every message reached the healthy endpoint, within a bound loose enough for a loaded machine:
	// where a fault lasts longer, the tests check that the healthy deliveries were done first
	private void assertHealthyKeptFlowing(List<WebhookMessage> messages) {
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(deliveries(messages, "healthy")).extracting(Delivery::status)
				.containsOnly(DeliveryStatus.DELIVERED));
		assertThat(receiver.received("/healthy")).hasSize(messages.size());
	}

	// the deliveries to an endpoint once each has had its first attempt recorded, and only that one
	private List<Delivery> firstAttemptMade(List<WebhookMessage> messages, String endpoint) {
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(deliveries(messages, endpoint)).hasSize(messages.size())
				.allSatisfy((delivery) -> {
					assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
					assertThat(this.store.findAttempts(delivery.id())).hasSize(1);
				}));
		return deliveries(messages, endpoint);
	}

	private DeliveryAttempt onlyAttempt(Delivery delivery) {
		List<DeliveryAttempt> attempts = this.store.findAttempts(delivery.id());
		assertThat(attempts).hasSize(1);
		return attempts.get(0);
	}

	private void assertTimedOut(Delivery delivery) {
		DeliveryAttempt attempt = onlyAttempt(delivery);
		assertThat(attempt.statusCode()).isNull();
		assertThat(attempt.error()).isEqualTo("no complete answer within 2s");
		assertThat(attempt.duration()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
		assertDueOnFirstRetry(delivery, attempt);
	}

	private static void assertDueOnFirstRetry(Delivery delivery, DeliveryAttempt attempt) {
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
		Instant finished = attempt.startedAt().plus(attempt.duration());
		assertThat(delivery.dueAt()).isBetween(finished.plus(FIRST_RETRY_MIN),
				finished.plus(FIRST_RETRY_MAX).plusSeconds(1));
	}

	private void assertDueAfter(Delivery delivery, Duration retryAfter) {
		DeliveryAttempt attempt = onlyAttempt(delivery);
		assertThat(attempt.statusCode()).isEqualTo(429);
		assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
		assertThat(delivery.dueAt()).isBetween(attempt.startedAt().plus(retryAfter),
				attempt.startedAt().plus(retryAfter).plusSeconds(2));
	}

	private Delivery delivery(WebhookMessage message, String endpoint) {
		return deliveries(List.of(message), endpoint).get(0);
	}

	private List<Delivery> deliveries(List<WebhookMessage> messages, String endpoint) {
		return messages.stream()
			.flatMap((message) -> this.store.findDeliveries(message.id()).stream())
			.filter((delivery) -> delivery.endpoint().equals(endpoint))
			.toList();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
