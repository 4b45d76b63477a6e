package io.github.webhookstarter.store.jdbc;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;


import static io.github.webhookstarter.store.jdbc.StoredDeliveries.count;
import static io.github.webhookstarter.store.jdbc.StoredDeliveries.savePending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away while 5,000 deliveries are pending and comes back a few seconds
 * later, as in a restart: a {@link TcpProxy} between the application and the server, which
 * other tests share, resets every connection and refuses new ones meanwhile. Without a
 * restart of the application, every webhook is delivered and recorded once, a webhook is sent
 * twice only if its answer came while the database was away, and inbound calls are answered
 * 503 with {@code Retry-After}, never 500, during the outage and 202 after.
 */
class DatabaseOutageTests {

	private static final int DELIVERIES = 5_000;

	private static final Duration OUTAGE = Duration.ofSeconds(4);

	// the default max-concurrency-per-endpoint: the most requests whose answers the outage can lose
	private static final int MAX_IN_FLIGHT = 16;

	@Test
	void postgresqlOutage() throws Exception {
		outage(JdbcTestDatabase.POSTGRESQL, 5432);
	}

	@Test
	void mariadbOutage() throws Exception {
		outage(JdbcTestDatabase.MARIADB, 3306);
	}

	private void outage(JdbcTestDatabase database, int defaultPort) throws Exception {
		DataSource dataSource = database.emptyDataSource();
		Map<String, List<Long>> received = new ConcurrentHashMap<>();
		ExecutorService receiverThreads = Executors.newFixedThreadPool(4);
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		receiver.setExecutor(receiverThreads);
		receiver.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			received.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"),
					(id) -> new CopyOnWriteArrayList<>())
				.add(System.nanoTime());
			try {
				// a modest receiver, so that most deliveries are still pending when the outage comes
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		try (TcpProxy proxy = TcpProxy.to(database.url(), defaultPort)) {
			savePending(dataSource, DELIVERIES);
			try (ConfigurableApplicationContext application = new SpringApplicationBuilder(OutageApplication.class)
				.properties("spring.datasource.url=" + proxy.url(database.url()),
						// how long an inbound call waits for a connection before it is answered 503
						"spring.datasource.hikari.connection-timeout=1000", "webhook.store=jdbc",
						"webhook.jdbc.initialize-schema=never", "server.port=0",
						"webhook.inbound.sources.open.allow-unauthenticated=true",
						"webhook.outbound.endpoints[0].name=receiver",
						"webhook.outbound.endpoints[0].url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/",
						"webhook.outbound.endpoints[0].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
						// a lease of 12 s: the deliveries whose answers were lost are sent again within the test
						"webhook.outbound.endpoints[0].timeout=1s", "spring.main.banner-mode=off",
						"logging.level.com.zaxxer.hikari=error")
				.run()) {
				URI inbound = URI.create("http://127.0.0.1:"
						+ application.getEnvironment().getProperty("local.server.port") + "/webhooks/open");
				await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 200);
				proxy.cut();
				long cutAt = System.nanoTime();
				int receivedAtCut = received.size();
				assertThat(receivedAtCut).isLessThan(DELIVERIES / 2);
				List<HttpResponse<String>> duringOutage = new ArrayList<>();
				while (System.nanoTime() - cutAt < OUTAGE.toNanos()) {
					duringOutage.add(post(client, inbound, "during"));
				}
				proxy.restore();
				long restoredAt = System.nanoTime();
				assertThat(duringOutage).isNotEmpty().allSatisfy((response) -> {
					assertThat(response.statusCode()).isEqualTo(503);
					assertThat(response.headers().firstValue("Retry-After")).isPresent();
				});
				// accepted again once the pool has a connection, and never a 500 meanwhile
				List<HttpResponse<String>> after = new ArrayList<>();
				do {
					assertThat(System.nanoTime() - restoredAt).isLessThan(Duration.ofSeconds(10).toNanos());
					after.add(post(client, inbound, "after"));
					assertThat(after.get(after.size() - 1).statusCode()).isIn(202, 503);
				}
				while (after.get(after.size() - 1).statusCode() != 202);
				long acceptedAfter = after.stream().filter((response) -> response.statusCode() == 202).count();
				// a bound against a stall: a quiet machine delivers them in a few seconds
				await().atMost(Duration.ofSeconds(120)).until(() -> received.size() == DELIVERIES);
				JdbcTemplate jdbc = new JdbcTemplate(dataSource);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> count(jdbc, "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'DELIVERED'")
							== DELIVERIES);
				// one successful attempt recorded per delivery under its claim, whatever was sent twice;
				// an answer recorded only after its lease had ended is kept apart, as changing nothing
				assertThat(count(jdbc, "SELECT COUNT(*) FROM webhook_delivery_attempt WHERE status_code = 204"
						+ " AND (error IS NULL OR error NOT LIKE '%lease lost%')"))
					.isEqualTo(DELIVERIES);
				assertThat(count(jdbc, "SELECT COUNT(*) FROM webhook_delivery_attempt WHERE error LIKE '%lease lost%'"))
					.isLessThanOrEqualTo(MAX_IN_FLIGHT);
				assertThat(count(jdbc, "SELECT COUNT(*) FROM webhook_inbound_call WHERE event_type = 'during'"))
					.isZero();
				assertThat(count(jdbc, "SELECT COUNT(*) FROM webhook_inbound_call WHERE event_type = 'after'"))
					.isEqualTo(acceptedAfter);
				// sent twice only if sent before the database came back, its answer lost with the connection
				Map<String, List<Long>> sentTwice = new HashMap<>();
				received.forEach((id, sends) -> {
					if (sends.size() > 1) {
						sentTwice.put(id, sends);
					}
				});
				System.out.printf("%s outage: %d of %d webhooks received before it, %d inbound calls answered"
						+ " during it, %d webhooks sent twice%n", database, receivedAtCut, DELIVERIES,
						duringOutage.size(), sentTwice.size());
				assertThat(sentTwice).hasSizeLessThanOrEqualTo(MAX_IN_FLIGHT)
					.allSatisfy((id, sends) -> {
						assertThat(sends).hasSize(2);
						assertThat(sends.get(0)).isLessThan(restoredAt);
					});
			}
		}
		finally {
			receiver.stop(0);
			receiverThreads.shutdownNow();
		}
	}


	private static HttpResponse<String> post(HttpClient client, URI uri, String type) throws Exception {
		return client.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"" + type + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}


	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OutageApplication {

	}

}
