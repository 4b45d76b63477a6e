package io.github.webhookstarter.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.webhookstarter.outbound.WebhookPublisher;

/**
 * A soak of the outbound side on PostgreSQL, not a benchmark: for {@code minutes}, {@code rate}
 * events per second are published, paced, by instance A, a separate JVM, to 10 endpoints of one
 * local receiver, two of which answer {@code 500} half the time at random; instance B, another
 * JVM on the same database, delivers beside A and is restarted twice: once with {@code SIGTERM}
 * (a graceful shutdown) at a third of the run, once with {@code SIGKILL} (a crash) at two thirds.
 * Publishing ends, the deliveries drain, and the harness reports, from the receiver's records and
 * from the store: events published, deliveries expected and delivered (distinct), duplicated (and
 * whether the crashed instance had made the first of them), lost (must be 0), the p50 and p99 of
 * the time from publishing (a timestamp in the payload) to the receiver's successful answer, and
 * the heap used after GC and the live threads of A at the start, after the first minute, and at
 * the end.
 * <p>
 * The endpoints retry on a short schedule (exponential from 1 s, doubling up to 10 s, 40 attempts)
 * instead of the default one (5 s, then 5 min...), so that the drain ends within minutes and no
 * delivery to a failing endpoint is exhausted: 2<sup>-40</sup> per delivery.
 * <p>
 * Every event goes to one endpoint ({@code soak.0} ... {@code soak.9}, in turn) unless
 * {@code --fan-out}, which sends every event to all 10 endpoints, ten times the deliveries.
 * <p>
 * {@code benchmarks/soak.sh [minutes] [options]} runs it; not part of {@code benchmarks/run.sh}'s
 * default run. Arguments: {@code [minutes] [rate] [--fan-out]}; the database is
 * {@code BENCH_PG_URL}, whose webhook tables are dropped first.
 */
public final class Soak {

	static final int ENDPOINTS = 10;

	static final int FAILING = 2;

	private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/webhook_bench_soak?user=postgres";

	private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

	private static final Pattern TIME = Pattern.compile("\"t\":(\\d+)");

	private static final String INSTANCE_HEADER = "X-Soak-Instance";

	private Soak() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("instance")) {
			Instance.run(args[1], args[2], Integer.parseInt(args[3]), Boolean.parseBoolean(args[4]));
			return;
		}
		List<String> positional = new ArrayList<>();
		boolean fanOut = false;
		for (String arg : args) {
			if (arg.equals("--fan-out")) {
				fanOut = true;
			}
			else {
				positional.add(arg);
			}
		}
		double minutes = (positional.size() > 0) ? Double.parseDouble(positional.get(0)) : 10;
		int rate = (positional.size() > 1) ? Integer.parseInt(positional.get(1)) : 500;
		String url = System.getenv().getOrDefault("BENCH_PG_URL", DEFAULT_URL);
		new Soak.Run(minutes, rate, fanOut, url).run();
	}

	/**
	 * The orchestrator: the receiver, the instances, the schedule of the restarts, the report.
	 */
	private static final class Run {

		private final double minutes;

		private final int rate;

		private final boolean fanOut;

		private final String url;

		private final Path logs = Path.of(System.getProperty("soak.logs", "benchmarks/results"));

		Run(double minutes, int rate, boolean fanOut, String url) {
			this.minutes = minutes;
			this.rate = rate;
			this.fanOut = fanOut;
			this.url = url;
		}

		void run() throws Exception {
			int seconds = (int) Math.round(this.minutes * 60);
			int capacity = (int) (seconds * (long) this.rate * 11 / 10) + 1000;
			System.out.printf("Java %s, %d cores, %.1f min at %d events/s to %d endpoints (%s), %s%n",
					Runtime.version(), Runtime.getRuntime().availableProcessors(), this.minutes, this.rate, ENDPOINTS,
					this.fanOut ? "each event to all" : "each event to one, in turn", this.url.replaceAll("\\?.*", ""));
			BenchmarkDatabase.dropTables(this.url);
			Files.createDirectories(this.logs);
			try (Receiver receiver = new Receiver(capacity)) {
				Instance a = Instance.start("A", this.url, receiver.port(), this.fanOut, this.logs);
				a.awaitReady();
				long[] atStart = a.stats();
				Instance b = Instance.start("B1", this.url, receiver.port(), this.fanOut, this.logs);
				b.awaitReady();
				long begin = System.currentTimeMillis();
				a.command("publish " + this.rate + " " + seconds);
				long[] afterWarmUp = atStart;
				if (seconds / 3 > 60) {
					sleepUntil(begin + 60_000);
					afterWarmUp = a.stats();
				}
				Map<String, Long> restarts = new LinkedHashMap<>();
				String crashed = null;
				for (int step = 1; step <= 2; step++) {
					sleepUntil(begin + seconds * 1000L * step / 3);
					String name = b.name;
					long at = System.currentTimeMillis();
					if (step == 1) {
						b.terminate();
					}
					else {
						b.kill();
						crashed = name;
					}
					restarts.put(name + ((step == 1) ? " SIGTERM" : " SIGKILL"), (at - begin) / 1000);
					System.out.printf("[%3ds] %s %s after %.1f s, starting B%d%n", (at - begin) / 1000, name,
							(step == 1) ? "terminated (SIGTERM)" : "killed (SIGKILL)", (System.currentTimeMillis() - at) / 1e3,
							step + 1);
					b = Instance.start("B" + (step + 1), this.url, receiver.port(), this.fanOut, this.logs);
					b.awaitReady();
				}
				String published = a.await("published", (seconds + 600) * 1000L);
				long publishedCount = Long.parseLong(published.split("\\|")[2]);
				long publishFailures = Long.parseLong(published.split("\\|")[3]);
				long publishEnd = System.currentTimeMillis();
				System.out.printf("[%3ds] A published %,d events (%,d publish calls failed), draining...%n",
						(publishEnd - begin) / 1000, publishedCount, publishFailures);
				long expected = publishedCount * (this.fanOut ? ENDPOINTS : 1);
				long drainLimit = publishEnd + Math.max(300_000L, seconds * 1000L);
				long[] rows = storeCounts();
				while ((rows[1] > 0 || receiver.distinct() < expected) && System.currentTimeMillis() < drainLimit) {
					Thread.sleep(2000);
					rows = storeCounts();
				}
				long drained = System.currentTimeMillis();
				long[] atEnd = a.stats();
				b.command("exit");
				a.command("exit");
				b.awaitExit();
				a.awaitExit();
				report(receiver, crashed, restarts, publishedCount, publishFailures, expected, rows,
						(publishEnd - begin) / 1e3, (drained - publishEnd) / 1e3, atStart, afterWarmUp, atEnd);
			}
		}

		// the store's messages, unfinished deliveries, delivered, failed
		private long[] storeCounts() throws SQLException {
			try (Connection connection = DriverManager.getConnection(this.url);
					Statement statement = connection.createStatement()) {
				long[] counts = new long[4];
				try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM webhook_message")) {
					rs.next();
					counts[0] = rs.getLong(1);
				}
				try (ResultSet rs = statement.executeQuery("SELECT"
						+ " count(*) FILTER (WHERE status IN ('PENDING', 'IN_FLIGHT')),"
						+ " count(*) FILTER (WHERE status = 'DELIVERED'),"
						+ " count(*) FILTER (WHERE status NOT IN ('PENDING', 'IN_FLIGHT', 'DELIVERED'))"
						+ " FROM webhook_delivery")) {
					rs.next();
					counts[1] = rs.getLong(1);
					counts[2] = rs.getLong(2);
					counts[3] = rs.getLong(3);
				}
				return counts;
			}
		}

		private void report(Receiver receiver, String crashed, Map<String, Long> restarts, long published,
				long publishFailures, long expected, long[] rows, double publishSeconds, double drainSeconds,
				long[] atStart, long[] afterWarmUp, long[] atEnd) {
			long delivered = receiver.distinct();
			long lost = expected - delivered;
			int[] latencies = receiver.latencies();
			double p50 = percentile(latencies, 0.50);
			double p99 = percentile(latencies, 0.99);
			double max = (latencies.length > 0) ? latencies[latencies.length - 1] : 0;
			System.out.println();
			System.out.printf("published          %,d events in %.0f s (%,.0f/s for a target of %d/s), %,d publish calls"
					+ " failed%n", published, publishSeconds, published / publishSeconds, this.rate, publishFailures);
			System.out.printf("store              %,d messages; deliveries %,d delivered, %,d unfinished, %,d failed%n",
					rows[0], rows[2], rows[1], rows[3]);
			System.out.printf("expected           %,d deliveries%n", expected);
			System.out.printf("delivered          %,d distinct (%,d successful answers, %,d answers 500 on purpose)%n",
					delivered, receiver.successes(), receiver.failuresAnswered());
			System.out.printf("duplicated         %,d (%,d made first by the crashed %s, %,d by the terminated B1)%n",
					receiver.duplicates(), receiver.duplicatesFirstBy(crashed), crashed, receiver.duplicatesFirstBy("B1"));
			System.out.printf("lost               %,d%n", lost);
			System.out.printf("latency            p50 %.0f ms, p99 %.0f ms, max %.0f ms (publish to first successful answer)%n",
					p50, p99, max);
			System.out.printf("drain              %.1f s after publishing ended%n", drainSeconds);
			System.out.printf("restarts           %s (seconds into the run)%n", restarts);
			System.out.printf("A heap after GC    %.1f MB at start, %.1f MB after the first minute, %.1f MB at the end%n",
					atStart[0] / 1e6, afterWarmUp[0] / 1e6, atEnd[0] / 1e6);
			System.out.printf("A live threads     %d at start, %d after the first minute, %d at the end%n", atStart[1],
					afterWarmUp[1], atEnd[1]);
			System.out.printf("answered by        %s%n", receiver.successesByInstance());
			Results.higher("soak", "delivered-distinct", "deliveries expected", expected, delivered, "deliveries");
			Results.lower("soak", "heap-end-vs-first-minute", "A after the first minute", afterWarmUp[0] / 1e6,
					atEnd[0] / 1e6, "MB");
			Results.lower("soak", "threads-end-vs-first-minute", "A after the first minute", afterWarmUp[1], atEnd[1],
					"threads");
			Results.note("soak", String.format("%.1f min, %,d events published by A (%.0f/s for a target of %d/s) to %d endpoints (%s), 2 of"
					+ " them answering 500 half the time; B restarted twice (SIGTERM, SIGKILL); %,d deliveries expected,"
					+ " %,d delivered, %,d duplicated (%,d first made by the crashed instance), %,d lost; p50 %.0f ms,"
					+ " p99 %.0f ms publish to delivery; drain %.0f s; A heap after GC %.1f / %.1f / %.1f MB and threads"
					+ " %d / %d / %d at start / after 1 min / end", this.minutes, published, published / publishSeconds,
					this.rate, ENDPOINTS,
					this.fanOut ? "each event to all" : "each event to one", expected, delivered, receiver.duplicates(),
					receiver.duplicatesFirstBy(crashed), lost, p50, p99, drainSeconds, atStart[0] / 1e6,
					afterWarmUp[0] / 1e6, atEnd[0] / 1e6, atStart[1], afterWarmUp[1], atEnd[1]));
			if (lost != 0 || rows[1] != 0 || rows[3] != 0) {
				System.out.println("SOAK FAILED: deliveries lost, unfinished or failed");
				System.exit(1);
			}
		}

		private static double percentile(int[] sorted, double fraction) {
			if (sorted.length == 0) {
				return 0;
			}
			return sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
		}

		private static void sleepUntil(long millis) throws InterruptedException {
			long left = millis - System.currentTimeMillis();
			if (left > 0) {
				Thread.sleep(left);
			}
		}

	}

	/**
	 * The receiver: one port, endpoint {@code i} at {@code /ep/i}; the last {@link #FAILING}
	 * endpoints answer {@code 500} half the time, at random. It counts the successful answers
	 * per endpoint and event, and keeps the latency of each first successful answer.
	 */
	private static final class Receiver implements AutoCloseable {

		private final HttpServer server;

		private final ExecutorService executor = Executors.newFixedThreadPool(32);

		private final AtomicIntegerArray[] counts = new AtomicIntegerArray[ENDPOINTS];

		// which instance made the first successful delivery: the index of its name in instances
		private final AtomicIntegerArray[] firstBy = new AtomicIntegerArray[ENDPOINTS];

		private final List<String> instances = new java.util.concurrent.CopyOnWriteArrayList<>();

		private final int[] latencies;

		private final AtomicInteger latencyCount = new AtomicInteger();

		private final AtomicLong successes = new AtomicLong();

		private final AtomicLong failuresAnswered = new AtomicLong();

		private final AtomicLong distinct = new AtomicLong();

		private final AtomicLong duplicates = new AtomicLong();

		private final Map<String, AtomicLong> byInstance = new java.util.concurrent.ConcurrentHashMap<>();

		Receiver(int capacity) throws IOException {
			for (int i = 0; i < ENDPOINTS; i++) {
				this.counts[i] = new AtomicIntegerArray(capacity);
				this.firstBy[i] = new AtomicIntegerArray(capacity);
			}
			this.latencies = new int[capacity * ENDPOINTS];
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
			this.server.setExecutor(this.executor);
			this.server.createContext("/ep/", (exchange) -> {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				long now = System.currentTimeMillis();
				String path = exchange.getRequestURI().getPath();
				int endpoint = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
				if (endpoint >= ENDPOINTS - FAILING && ThreadLocalRandom.current().nextBoolean()) {
					this.failuresAnswered.incrementAndGet();
					exchange.sendResponseHeaders(500, -1);
					exchange.close();
					return;
				}
				Matcher seq = SEQ.matcher(body);
				Matcher time = TIME.matcher(body);
				if (!seq.find() || !time.find()) {
					exchange.sendResponseHeaders(400, -1);
					exchange.close();
					return;
				}
				String instance = String.valueOf(exchange.getRequestHeaders().getFirst(INSTANCE_HEADER));
				int index = Integer.parseInt(seq.group(1));
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
				// counted once answered: a success the sender did not see would be its duplicate to make
				this.successes.incrementAndGet();
				this.byInstance.computeIfAbsent(instance, (key) -> new AtomicLong()).incrementAndGet();
				if (this.counts[endpoint].incrementAndGet(index) == 1) {
					this.distinct.incrementAndGet();
					this.firstBy[endpoint].set(index, instanceIndex(instance));
					int slot = this.latencyCount.getAndIncrement();
					if (slot < this.latencies.length) {
						this.latencies[slot] = (int) (now - Long.parseLong(time.group(1)));
					}
				}
				else {
					this.duplicates.incrementAndGet();
				}
			});
			this.server.start();
		}

		private synchronized int instanceIndex(String instance) {
			int index = this.instances.indexOf(instance);
			if (index < 0) {
				this.instances.add(instance);
				index = this.instances.size() - 1;
			}
			return index;
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		long distinct() {
			return this.distinct.get();
		}

		long successes() {
			return this.successes.get();
		}

		long failuresAnswered() {
			return this.failuresAnswered.get();
		}

		long duplicates() {
			return this.duplicates.get();
		}

		Map<String, AtomicLong> successesByInstance() {
			return new java.util.TreeMap<>(this.byInstance);
		}

		// the duplicates whose first successful delivery the instance made
		long duplicatesFirstBy(String instance) {
			int index = this.instances.indexOf(instance);
			if (index < 0) {
				return 0;
			}
			long found = 0;
			for (int endpoint = 0; endpoint < ENDPOINTS; endpoint++) {
				for (int i = 0; i < this.counts[endpoint].length(); i++) {
					if (this.counts[endpoint].get(i) > 1 && this.firstBy[endpoint].get(i) == index) {
						found += this.counts[endpoint].get(i) - 1;
					}
				}
			}
			return found;
		}

		int[] latencies() {
			int[] copy = Arrays.copyOf(this.latencies, Math.min(this.latencyCount.get(), this.latencies.length));
			Arrays.sort(copy);
			return copy;
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

	}

	/**
	 * An application instance in its own JVM, driven through its standard input: {@code stats},
	 * {@code publish <rate> <seconds>}, {@code exit}. Its lines that start with {@code SOAK|}
	 * answer; all of its output goes to {@code soak-<name>.log}.
	 */
	private static final class Instance {

		private final String name;

		private final Process process;

		private final PrintWriter commands;

		private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

		private Instance(String name, Process process, Path log) throws IOException {
			this.name = name;
			this.process = process;
			this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
			PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true);
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						out.println(line);
						if (line.startsWith("SOAK|")) {
							this.answers.add(line);
						}
					}
				}
				catch (IOException ex) {
					// the process ended
				}
				finally {
					out.close();
				}
			}, "soak-" + name);
			reader.setDaemon(true);
			reader.start();
		}

		static Instance start(String name, String url, int port, boolean fanOut, Path logs) throws IOException {
			String java = ProcessHandle.current().info().command().orElse("java");
			List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
			if (Results.quick()) {
				command.add("-Dbench.quick=true");
			}
			command.addAll(List.of("-cp", System.getProperty("java.class.path"), Soak.class.getName(), "instance",
					name, url, String.valueOf(port), String.valueOf(fanOut)));
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			return new Instance(name, process, logs.resolve("soak-" + name + ".log"));
		}

		void command(String command) {
			this.commands.println(command);
		}

		String await(String answer, long millis) throws InterruptedException {
			long until = System.currentTimeMillis() + millis;
			while (System.currentTimeMillis() < until) {
				String line = this.answers.poll(1, TimeUnit.SECONDS);
				if (line != null && line.startsWith("SOAK|" + answer)) {
					return line;
				}
				if (line == null && !this.process.isAlive()) {
					throw new IllegalStateException(this.name + " exited (" + this.process.exitValue() + ")");
				}
			}
			throw new IllegalStateException(this.name + " did not answer " + answer + " in " + millis + " ms");
		}

		void awaitReady() throws InterruptedException {
			await("ready", 120_000);
		}

		// heap used after GC (bytes) and live threads
		long[] stats() throws InterruptedException {
			command("stats");
			String[] parts = await("stats", 60_000).split("\\|");
			return new long[] { Long.parseLong(parts[2]), Long.parseLong(parts[3]) };
		}

		void terminate() throws InterruptedException {
			this.process.destroy();
			awaitExit();
		}

		void kill() throws InterruptedException {
			this.process.destroyForcibly();
			awaitExit();
		}

		void awaitExit() throws InterruptedException {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}

		/**
		 * The instance's side: start the application, then follow the commands.
		 */
		static void run(String name, String url, int port, boolean fanOut) throws Exception {
			List<String> properties = new ArrayList<>(List.of("logging.level.root=warn", "spring.main.banner-mode=off",
					"spring.datasource.url=" + url, "webhook.jdbc.initialize-schema=always",
					"webhook.outbound.poll-interval=100ms"));
			for (int i = 0; i < ENDPOINTS; i++) {
				String endpoint = "webhook.outbound.endpoints[" + i + "].";
				properties.addAll(List.of(endpoint + "name=ep" + i,
						endpoint + "url=http://127.0.0.1:" + port + "/ep/" + i, endpoint + "secret=" + OutboundThroughput.SECRET,
						endpoint + "events=" + (fanOut ? "soak.*" : "soak." + i),
						endpoint + "headers." + INSTANCE_HEADER + "=" + name, endpoint + "backoff.max-attempts=40",
						endpoint + "backoff.initial-interval=1s", endpoint + "backoff.multiplier=2",
						endpoint + "backoff.max-interval=10s"));
			}
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SoakApplication.class)
				.web(WebApplicationType.NONE)
				.properties(properties.toArray(String[]::new))
				.run()) {
				WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
				System.out.println("SOAK|ready");
				BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
				String line;
				while ((line = in.readLine()) != null && !line.equals("exit")) {
					String[] words = line.split(" ");
					if (words[0].equals("stats")) {
						System.gc();
						System.gc();
						System.out.println("SOAK|stats|" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
								+ "|" + ManagementFactory.getThreadMXBean().getThreadCount());
					}
					else if (words[0].equals("publish")) {
						int rate = Integer.parseInt(words[1]);
						int seconds = Integer.parseInt(words[2]);
						Thread publishing = new Thread(() -> publish(publisher, rate, seconds), "soak-publisher");
						publishing.start();
					}
				}
			}
		}

		// paced: event n is due n / rate seconds after the start; four threads, so that one slow
		// insert does not hold the pace up; what is not published by the end is not published, so
		// that a machine too slow for the rate shows a lower rate rather than a longer run
		private static void publish(WebhookPublisher publisher, int rate, int seconds) {
			long total = (long) rate * seconds;
			AtomicLong next = new AtomicLong();
			AtomicLong published = new AtomicLong();
			AtomicLong failed = new AtomicLong();
			long start = System.nanoTime();
			long end = start + seconds * 1_000_000_000L;
			List<Thread> threads = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				Thread thread = new Thread(() -> {
					long n;
					while ((n = next.getAndIncrement()) < total && System.nanoTime() - end < 0) {
						long due = start + (long) (n * 1e9 / rate);
						long wait = due - System.nanoTime();
						if (wait > 0) {
							LockSupport.parkNanos(wait);
						}
						try {
							publisher.publish("soak." + (n % ENDPOINTS), Map.of("seq", n, "t", System.currentTimeMillis()));
							published.incrementAndGet();
						}
						catch (RuntimeException ex) {
							if (failed.getAndIncrement() == 0) {
								ex.printStackTrace(System.out);
							}
						}
					}
				}, "soak-publisher-" + t);
				thread.start();
				threads.add(thread);
			}
			for (Thread thread : threads) {
				try {
					thread.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			System.out.println("SOAK|published|" + published.get() + "|" + failed.get());
		}

	}

	@SpringBootApplication
	static class SoakApplication {

	}

}
