package io.github.webhookstarter.store.jdbc;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import io.github.webhookstarter.outbound.WebhookMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application share one PostgreSQL database and one receiver; one is
 * killed with SIGKILL while delivering 10,000 webhooks, and the survivor finishes: every
 * webhook arrives at least once, and no more arrive twice than the killed instance had in
 * flight.
 */
class MultiInstanceCrashTests {

	private static final int EVENTS = 10_000;

	// the max-concurrency of each instance: the most requests the killed one can have had in flight
	private static final int MAX_IN_FLIGHT = 16;

	@Test
	void survivorFinishesTheWorkOfAKilledInstance() throws Exception {
		DataSource dataSource = JdbcTestDatabase.POSTGRESQL.emptyDataSource();
		String databaseUrl = JdbcTestDatabase.POSTGRESQL.url();
		Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		receiver.setExecutor(Executors.newFixedThreadPool(32));
		receiver.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			received.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), (id) -> new AtomicInteger())
				.incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		Process first = null;
		Process second = null;
		try {
			JdbcDeliveryStore publisher = new JdbcDeliveryStore(dataSource);
			byte[] body = "{\"type\":\"order.created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < EVENTS; i++) {
				publisher.save(new WebhookMessage("msg_" + i, "order.created", Instant.now(), body), List.of("receiver"));
			}
			String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
			first = start(databaseUrl, receiverUrl);
			second = start(databaseUrl, receiverUrl);
			await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= EVENTS / 4);
			first.destroyForcibly().waitFor();
			int receivedAtKill = received.size();
			// killed mid-run, with work left for the survivor
			assertThat(receivedAtKill).isLessThan(EVENTS);
			await().atMost(Duration.ofSeconds(90)).until(() -> received.size() == EVENTS);
			long duplicates = received.values().stream().filter((count) -> count.get() > 1).count();
			System.out.printf("Crash test: killed after %d of %d webhooks were received; %d received twice%n",
					receivedAtKill, EVENTS, duplicates);
			assertThat(duplicates).isLessThanOrEqualTo(MAX_IN_FLIGHT);
			assertThat(received.values()).allSatisfy((count) -> assertThat(count.get()).isBetween(1, 2));
		}
		finally {
			for (Process process : new Process[] { first, second }) {
				if (process != null) {
					process.destroyForcibly();
				}
			}
			receiver.stop(0);
		}
	}

	private static Process start(String databaseUrl, String receiverUrl) throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				CrashTestInstance.class.getName(), databaseUrl, receiverUrl)
			.inheritIO()
			.start();
	}

}
