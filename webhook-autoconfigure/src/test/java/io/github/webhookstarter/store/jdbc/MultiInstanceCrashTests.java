package io.github.webhookstarter.store.jdbc;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import io.github.webhookstarter.outbound.WebhookMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application share one PostgreSQL database and one receiver; one is
 * killed with SIGKILL while delivering 10,000 webhooks, and the survivor finishes: every
 * webhook arrives at least once, and one arrives twice only if the killed instance sent it and
 * the survivor sent it again after the kill, no more of them than the killed instance could
 * have had in flight.
 */
class MultiInstanceCrashTests {

	private static final int EVENTS = 10_000;

	// the max-concurrency of each instance: the most requests the killed one can have had in flight
	private static final int MAX_IN_FLIGHT = 16;

	@Test
	void survivorFinishesTheWorkOfAKilledInstance() throws Exception {
		DataSource dataSource = JdbcTestDatabase.POSTGRESQL.emptyDataSource();
		String databaseUrl = JdbcTestDatabase.POSTGRESQL.url();
		// every request to each webhook id, in the order they came, named by the instance that sent it
		Map<String, List<Send>> received = new ConcurrentHashMap<>();
		Map<String, AtomicInteger> sentBy = new ConcurrentHashMap<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		receiver.setExecutor(Executors.newFixedThreadPool(32));
		receiver.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			String instance = exchange.getRequestURI().getPath().substring("/hooks/".length());
			received.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), (id) -> new CopyOnWriteArrayList<>())
				.add(new Send(instance, System.nanoTime()));
			sentBy.computeIfAbsent(instance, (name) -> new AtomicInteger()).incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		Process killed = null;
		Process survivor = null;
		try {
			JdbcDeliveryStore publisher = new JdbcDeliveryStore(dataSource);
			byte[] body = "{\"type\":\"order.created\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < EVENTS; i++) {
				publisher.save(new WebhookMessage("msg_" + i, "order.created", Instant.now(), body), List.of("receiver"));
			}
			String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
			killed = start(databaseUrl, receiverUrl + "killed");
			survivor = start(databaseUrl, receiverUrl + "survivor");
			// both instances share the work before one of them is killed
			await().atMost(Duration.ofSeconds(60))
				.until(() -> received.size() >= EVENTS / 4 && sent(sentBy, "killed") >= 100 && sent(sentBy, "survivor") >= 100);
			killed.destroyForcibly().waitFor();
			long killedAt = System.nanoTime();
			int receivedAtKill = received.size();
			int sentByKilled = sent(sentBy, "killed");
			// killed mid-run, with work left for the survivor
			assertThat(receivedAtKill).isLessThan(EVENTS);
			await().atMost(Duration.ofSeconds(90)).until(() -> received.size() == EVENTS);
			assertThat(sent(sentBy, "killed")).isEqualTo(sentByKilled);
			// sent twice only if the killed instance sent it and died before recording the answer,
			// so that the survivor sent it again once the lease had expired; anything else is a bug
			List<String> sentTwice = received.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().size() > 1)
				.map(Map.Entry::getKey)
				.toList();
			Map<String, List<Send>> doubleSends = received.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().size() > 1 && !isCrashResend(entry.getValue(), killedAt))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			System.out.printf("Crash test: killed after %d of %d webhooks were received, %d of them sent by the killed"
					+ " instance; %d sent again by the survivor%n", receivedAtKill, EVENTS, sentByKilled,
					sentTwice.size());
			assertThat(doubleSends).isEmpty();
			assertThat(sentTwice).hasSizeLessThanOrEqualTo(MAX_IN_FLIGHT);
		}
		finally {
			for (Process process : new Process[] { killed, survivor }) {
				if (process != null) {
					process.destroyForcibly();
				}
			}
			receiver.stop(0);
		}
	}

	private static int sent(Map<String, AtomicInteger> sentBy, String instance) {
		AtomicInteger count = sentBy.get(instance);
		return (count != null) ? count.get() : 0;
	}

	private static boolean isCrashResend(List<Send> sends, long killedAt) {
		return sends.size() == 2 && sends.get(0).instance().equals("killed") && sends.get(1).instance().equals("survivor")
				&& sends.get(1).nanoTime() > killedAt;
	}

	record Send(String instance, long nanoTime) {
	}

	private static Process start(String databaseUrl, String receiverUrl) throws Exception {
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				CrashTestInstance.class.getName(), databaseUrl, receiverUrl)
			.inheritIO()
			.start();
	}

}
