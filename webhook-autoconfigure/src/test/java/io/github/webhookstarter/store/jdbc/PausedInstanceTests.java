package io.github.webhookstarter.store.jdbc;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;


import static io.github.webhookstarter.store.jdbc.StoredDeliveries.count;
import static io.github.webhookstarter.store.jdbc.StoredDeliveries.savePending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application share one PostgreSQL database and one receiver; one is
 * paused with SIGSTOP for longer than its lease, while its claims are in flight, then resumed
 * with SIGCONT, as a long garbage collection or a frozen virtual machine would. The other
 * claims the expired leases and finishes; the paused one, resumed, records nothing over its
 * work: every delivery is recorded delivered once, with one successful attempt, and the
 * receiver gets every webhook, twice only those that the paused instance had sent before it
 * stopped (or whose first attempt failed, as a loaded machine may time one out).
 */
class PausedInstanceTests {

	private static final int EVENTS = 2_000;

	// the endpoint timeout the instances run with, their default: a lease of 2 × 2 s + 10 s
	private static final Duration LEASE = Duration.ofSeconds(14);

	private static final Duration PAUSE = LEASE.plusSeconds(2);

	// the max-concurrency of each instance: the most requests the paused one can have had in flight
	private static final int MAX_IN_FLIGHT = 16;

	@Test
	void pausedInstanceRecordsNothingOverTheWorkOfTheOtherOnceItsLeasesExpired() throws Exception {
		DataSource dataSource = JdbcTestDatabase.POSTGRESQL.emptyDataSource();
		Map<String, List<Send>> received = new ConcurrentHashMap<>();
		ExecutorService receiverThreads = Executors.newFixedThreadPool(8);
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
		receiver.setExecutor(receiverThreads);
		receiver.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			String instance = exchange.getRequestURI().getPath().substring("/hooks/".length());
			received.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"),
					(id) -> new CopyOnWriteArrayList<>())
				.add(new Send(instance, System.nanoTime()));
			try {
				// a modest receiver, so that the work is far from done when one instance stops
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		Process paused = null;
		Process other = null;
		try {
			String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/";
			Path pausedLog = Files.createTempFile("paused-instance", ".log");
			Path otherLog = Files.createTempFile("other-instance", ".log");
			paused = start(JdbcTestDatabase.POSTGRESQL.url(), receiverUrl + "paused", pausedLog);
			other = start(JdbcTestDatabase.POSTGRESQL.url(), receiverUrl + "other", otherLog);
			// the work is stored once both have started, for the first to start not to do it all
			Map<Process, Path> logs = Map.of(paused, pausedLog, other, otherLog);
			await().atMost(Duration.ofSeconds(120)).until(() -> {
				for (Map.Entry<Process, Path> instance : logs.entrySet()) {
					assertThat(instance.getKey().isAlive())
						.as(() -> "an instance exited: " + readQuietly(instance.getValue()))
						.isTrue();
				}
				return started(pausedLog) && started(otherLog);
			});
			savePending(dataSource, EVENTS);
			// both instances share the work before one of them stops
			await().atMost(Duration.ofSeconds(60))
				.until(() -> sent(received, "paused") >= 50 && sent(received, "other") >= 50);
			signal(paused, "STOP");
			long stoppedAt = System.nanoTime();
			int sentByPausedBeforeStop = sent(received, "paused");
			assertThat(received.size()).isLessThan(EVENTS);
			Thread.sleep(PAUSE.toMillis());
			// it sent nothing while stopped, and the other kept the work flowing meanwhile
			assertThat(sent(received, "paused")).isEqualTo(sentByPausedBeforeStop);
			signal(paused, "CONT");
			long resumedAt = System.nanoTime();
			// a bound against a stall: a quiet machine delivers them in a few seconds
			await().atMost(Duration.ofSeconds(120)).until(() -> received.size() == EVENTS);
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			// the resumed instance records what it had in flight: the store refuses it, as its claims expired
			await().atMost(Duration.ofSeconds(10))
				.until(() -> count(jdbc, "SELECT COUNT(*) FROM webhook_delivery WHERE status = 'DELIVERED'") == EVENTS);
			Thread.sleep(1000);
			// one success each under a held claim; the resumed instance's own answers are recorded
			// beside them as attempts whose lease was lost, which changed nothing
			assertThat(count(jdbc, "SELECT COUNT(*) FROM webhook_delivery_attempt WHERE status_code = 204"
					+ " AND (error IS NULL OR error NOT LIKE '%lease lost%')"))
				.isEqualTo(EVENTS);
			Set<String> recordedLate = Set.copyOf(jdbc.queryForList("SELECT d.message_id FROM webhook_delivery d"
					+ " JOIN webhook_delivery_attempt a ON a.delivery_id = d.id WHERE a.error LIKE '%lease lost%'",
					String.class));
			// no attempt written twice or beyond the claims made
			assertThat(count(jdbc, "SELECT COUNT(*) FROM (SELECT delivery_id, number FROM webhook_delivery_attempt"
					+ " GROUP BY delivery_id, number HAVING COUNT(*) > 1) twice")).isZero();
			assertThat(count(jdbc, "SELECT COUNT(*) FROM webhook_delivery d WHERE (SELECT COUNT(*)"
					+ " FROM webhook_delivery_attempt a WHERE a.delivery_id = d.id) > d.attempts")).isZero();
			// a loaded machine may time an attempt out whose request arrived: sent again, as any failed attempt
			Set<String> failedOnce = Set.copyOf(jdbc.queryForList("SELECT d.message_id FROM webhook_delivery d"
					+ " JOIN webhook_delivery_attempt a ON a.delivery_id = d.id WHERE a.status_code IS NULL"
					+ " OR a.status_code <> 204", String.class));
			Map<String, List<Send>> sentTwice = new HashMap<>();
			received.forEach((id, sends) -> {
				if (sends.size() > 1 && !failedOnce.contains(id)) {
					sentTwice.put(id, sends);
				}
			});
			System.out.printf("Paused instance: stopped for %d s after sending %d of %d webhooks; %d sent again"
					+ " by the other instance, %d after a failed attempt, %d recorded late%n", PAUSE.toSeconds(),
					sentByPausedBeforeStop, EVENTS, sentTwice.size(), failedOnce.size(), recordedLate.size());
			// only attempts that failed (timed out while it was stopped) or were sent twice are recorded late
			Set<String> explained = new HashSet<>(sentTwice.keySet());
			explained.addAll(failedOnce);
			assertThat(explained).containsAll(recordedLate);
			// twice only for a claim the paused instance held when it stopped, whose lease expired
			// meanwhile: sent by it before it stopped, or at the instant it resumed, when a thread
			// stopped between its last check of the lease and the write finishes the write (nothing
			// can tell a process that it was stopped); the other sends it once the lease expired
			assertThat(sentTwice).hasSizeLessThanOrEqualTo(MAX_IN_FLIGHT).allSatisfy((id, sends) -> {
				assertThat(sends).hasSize(2).extracting(Send::instance).containsExactlyInAnyOrder("paused", "other");
				Send byPaused = sends.stream().filter((send) -> send.instance().equals("paused")).findFirst().orElseThrow();
				Send byOther = sends.stream().filter((send) -> send.instance().equals("other")).findFirst().orElseThrow();
				assertThat(byOther.nanoTime()).isGreaterThan(stoppedAt);
				if (byPaused.nanoTime() > stoppedAt) {
					assertThat(byPaused.nanoTime() - resumedAt).isBetween(0L, Duration.ofSeconds(5).toNanos());
				}
			});
		}
		finally {
			for (Process process : new Process[] { paused, other }) {
				if (process != null) {
					// a stopped process is killed all the same
					process.destroyForcibly();
				}
			}
			receiver.stop(0);
			receiverThreads.shutdownNow();
		}
	}


	private static int sent(Map<String, List<Send>> received, String instance) {
		return (int) received.values()
			.stream()
			.flatMap(List::stream)
			.filter((send) -> send.instance().equals(instance))
			.count();
	}


	private static void signal(Process process, String signal) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

	private static String readQuietly(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

	private static boolean started(Path log) throws IOException {
		return Files.readString(log).contains("Started CrashTestInstance");
	}

	private static Process start(String databaseUrl, String receiverUrl, Path log) throws Exception {
		log.toFile().deleteOnExit();
		String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
		Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
				CrashTestInstance.class.getName(), databaseUrl, receiverUrl,
				LEASE.minusSeconds(10).dividedBy(2).toSeconds() + "s",
				// for its "Started" line, logged under the name of the application's class
				"--logging.level." + CrashTestInstance.class.getName() + "=info")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		// should this JVM end first, a stopped child would otherwise stay
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		return process;
	}

	record Send(String instance, long nanoTime) {
	}

}
