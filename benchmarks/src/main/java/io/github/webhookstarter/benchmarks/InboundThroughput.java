package io.github.webhookstarter.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.inbound.InboundStore;

/**
 * Inbound HTTP throughput: signed 2 KB gzip JSON GitHub pushes posted over loopback to one
 * Tomcat that serves, side by side in one application,
 * <ul>
 * <li>(a) {@code bare}: a {@code @PostMapping} that reads the body and verifies nothing (the
 * ceiling),</li>
 * <li>(a') {@code hand-written}: the controller a user writes instead of the starter: gunzip,
 * {@code Mac.getInstance}, HMAC-SHA256 and a constant-time compare of
 * {@code X-Hub-Signature-256} (the baseline),</li>
 * <li>(b) {@code sync}: the starter's endpoint in synchronous mode, a listener run before
 * {@code 200},</li>
 * <li>(c) {@code async memory}: the starter's endpoint in asynchronous mode (the default), the
 * call stored in memory before {@code 202},</li>
 * </ul>
 * and (d) {@code async jdbc}: the same asynchronous source in a second application in the same
 * JVM (on its own random port) whose store is JDBC on PostgreSQL, since the store is chosen per
 * application. Every starter source has the same listener, which reads a field of the JSON.
 * <p>
 * Load is a real receiver's: 16 keep-alive connections (raw sockets, one thread each) post
 * bodies from a pool of distinct pushes, each with its own {@code X-GitHub-Delivery}; about one
 * request in ten repeats a recent delivery id of its connection, so that duplicate lookups hit
 * as well as miss. Each variant runs for a bounded time and number of requests; the variants are
 * interleaved in short rounds, after a warm-up round, and after an asynchronous variant the run
 * waits for its store's backlog to drain, for at most 20 s (reported, not counted), so that its worker does not
 * slow down the next variant. Requests/s counts {@code 2xx} answers only; other answers are
 * reported. The figures are the medians over the rounds; each comparison is the median of the
 * per-round ratios to (a').
 * <p>
 * Run with {@code ./mvnw -q -o install -DskipTests -pl webhook-autoconfigure,webhook-starter -am}, then
 * {@code ./mvnw -q -o -pl benchmarks exec:java -Dexec.mainClass=io.github.webhookstarter.benchmarks.InboundThroughput}
 * ({@code -Dexec.args="rounds=5 seconds=4 warmup=3 connections=16 max-requests=500000 db=jdbc:postgresql://..."};
 * {@code db=none} leaves out (d); {@code variants=async-memory,sync} measures only those and the
 * baseline, as to profile them: names {@code bare}, {@code sync}, {@code async-memory}, {@code async-jdbc}). The defaults take under four minutes (a JDBC backlog drains slowly).
 */
public final class InboundThroughput {

	private static final String SECRET = "It's a Secret to Everybody";

	private static final String DEFAULT_DB = "jdbc:postgresql://127.0.0.1:5432/wh_inbound_bench?user=postgres";

	private static final int BODIES = 64;

	// the share of requests that repeat a recent delivery id of their connection
	private static final double DUPLICATE_SHARE = 0.1;

	private InboundThroughput() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>(Map.of("rounds", "5", "seconds", "4", "warmup", "3",
				"connections", "16", "max-requests", "500000", "db", DEFAULT_DB, "variants", "all"));
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (eq < 0 || !options.containsKey(arg.substring(0, eq))) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'; known: " + options.keySet());
			}
			options.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		int rounds = Integer.parseInt(options.get("rounds"));
		double seconds = Double.parseDouble(options.get("seconds"));
		double warmup = Double.parseDouble(options.get("warmup"));
		int connections = Integer.parseInt(options.get("connections"));
		int maxRequests = Integer.parseInt(options.get("max-requests"));
		String db = options.get("db");
		System.out.printf("Java %s, %d cores, %d rounds of %.1f s per variant, %d connections, %s%n",
				Runtime.version(), Runtime.getRuntime().availableProcessors(), rounds, seconds, connections,
				"none".equals(db) ? "no database" : db);
		List<Push> pushes = Push.pool(BODIES);
		System.out.printf("Bodies: %d pushes of %d bytes JSON, %d bytes gzip on average%n", pushes.size(),
				pushes.stream().mapToInt((push) -> push.json.length).sum() / pushes.size(),
				pushes.stream().mapToInt((push) -> push.gzip.length).sum() / pushes.size());
		try (ConfigurableApplicationContext memory = start("memory", List.of("webhook.store=memory",
				"webhook.inbound.sources.sync.mode=sync", "webhook.inbound.sources.async.mode=async"),
				"sync", "async");
				ConfigurableApplicationContext jdbc = "none".equals(db) ? null : startJdbc(db)) {
			List<Variant> variants = new ArrayList<>();
			int memoryPort = port(memory);
			variants.add(new Variant("bare", "(a) bare @PostMapping", memoryPort, "/bare", null));
			variants.add(new Variant("hand-written", "(a') hand-written controller", memoryPort, "/hand-written",
					null));
			variants.add(new Variant("sync", "(b) sync", memoryPort, "/webhooks/sync", null));
			variants.add(new Variant("async-memory", "(c) async, in memory", memoryPort, "/webhooks/async",
					memory.getBean(InboundStore.class)));
			if (jdbc != null) {
				variants.add(new Variant("async-jdbc", "(d) async, JDBC PostgreSQL", port(jdbc), "/webhooks/async",
						jdbc.getBean(InboundStore.class)));
			}
			if (!"all".equals(options.get("variants"))) {
				// to profile one variant: the baseline stays, for the ratios
				List<String> kept = List.of(options.get("variants").split(","));
				variants.removeIf((variant) -> !variant.name.equals("hand-written") && !kept.contains(variant.name));
			}
			Load load = new Load(pushes, connections, maxRequests);
			System.out.printf("Warm-up: %.1f s per variant%n", warmup);
			for (Variant variant : variants) {
				load.run(variant, "w", warmup);
			}
			for (int round = 1; round <= rounds; round++) {
				StringBuilder line = new StringBuilder("Round " + round + ":");
				for (Variant variant : variants) {
					Measurement measurement = load.run(variant, "r" + round, seconds);
					variant.measurements.add(measurement);
					line.append(String.format("  %s %,.0f/s", variant.name, measurement.throughput()));
					if (measurement.failures() > 0) {
						line.append(" (non-2xx: ").append(measurement.statuses).append(')');
					}
				}
				System.out.println(line);
			}
			report(variants);
		}
	}

	private static void report(List<Variant> variants) {
		Variant baseline = variants.stream().filter((variant) -> variant.name.equals("hand-written")).findFirst()
			.orElseThrow();
		System.out.println();
		System.out.println("Medians over the rounds (loopback, one JVM, shared with the load generator):");
		System.out.printf("%-30s %12s %10s %10s %14s %12s %10s%n", "variant", "req/s", "p50 ms", "p99 ms",
				"ratio to (a')", "drain ms", "non-2xx");
		for (Variant variant : variants) {
			List<Measurement> ms = variant.measurements;
			System.out.printf("%-30s %,12.0f %10.2f %10.2f %14.2f %12.0f %10.0f%n", variant.label,
					median(ms, Measurement::throughput), median(ms, (m) -> m.percentile(0.50) / 1e6),
					median(ms, (m) -> m.percentile(0.99) / 1e6), ratio(variant, baseline),
					median(ms, (m) -> m.drainNanos / 1e6), median(ms, Measurement::failures));
		}
		System.out.println();
		double baselineThroughput = median(baseline.measurements, Measurement::throughput);
		for (Variant variant : variants) {
			if (variant == baseline) {
				continue;
			}
			double ratio = ratio(variant, baseline);
			// "our" figure is the baseline's median times the median of the per-round ratios, so
			// that the line's two figures give that ratio
			System.out.printf("RESULT|Inbound HTTP|%s|hand-written controller|%.0f|%.0f|req/s|higher%n",
					variant.label, baselineThroughput, baselineThroughput * ratio);
		}
	}

	private static double ratio(Variant variant, Variant baseline) {
		double[] ratios = new double[variant.measurements.size()];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = variant.measurements.get(i).throughput() / baseline.measurements.get(i).throughput();
		}
		return Results.median(ratios);
	}

	private static double median(List<Measurement> measurements, ToDoubleFunction<Measurement> figure) {
		return Results.median(measurements.stream().mapToDouble(figure).toArray());
	}

	private static ConfigurableApplicationContext startJdbc(String url) throws Exception {
		BenchmarkDatabase.dropTables(url);
		return start("jdbc", List.of("spring.datasource.url=" + url, "webhook.store=jdbc",
				"webhook.jdbc.initialize-schema=always", "webhook.inbound.sources.async.mode=async"), "async");
	}

	private static ConfigurableApplicationContext start(String name, List<String> extraProperties,
			String... sources) {
		List<String> properties = new ArrayList<>(List.of("logging.level.root=warn", "spring.main.banner-mode=off",
				"server.port=0", "spring.application.name=inbound-" + name));
		for (String source : sources) {
			properties.add("webhook.inbound.sources." + source + ".signature=github");
			properties.add("webhook.inbound.sources." + source + ".secret=" + SECRET);
		}
		properties.addAll(extraProperties);
		return new SpringApplicationBuilder(InboundApplication.class).properties(properties.toArray(String[]::new))
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	static byte[] hmac(byte[] body) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return mac.doFinal(body);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Controllers.class, PushListener.class })
	static class InboundApplication {

	}

	/**
	 * The ceiling and the baseline.
	 */
	@RestController
	static class Controllers {

		@PostMapping("/bare")
		ResponseEntity<Void> bare(HttpServletRequest request) throws IOException {
			request.getInputStream().readAllBytes();
			return ResponseEntity.ok().build();
		}

		// what a user writes: gunzip, a new Mac per request, compare in constant time
		@PostMapping("/hand-written")
		ResponseEntity<Void> handWritten(HttpServletRequest request,
				@RequestHeader("X-Hub-Signature-256") String signature,
				@RequestHeader(name = "Content-Encoding", required = false) String encoding)
				throws IOException, GeneralSecurityException {
			byte[] body = request.getInputStream().readAllBytes();
			if ("gzip".equalsIgnoreCase(encoding)) {
				try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
					body = in.readAllBytes();
				}
			}
			byte[] expected = ("sha256=" + HexFormat.of().formatHex(hmac(body))).getBytes(StandardCharsets.US_ASCII);
			if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
				return ResponseEntity.status(401).build();
			}
			return ResponseEntity.ok().build();
		}

	}

	/**
	 * The listener of every starter source: reads a field, as a real one would.
	 */
	static class PushListener {

		final AtomicLong commits = new AtomicLong();

		@WebhookEvent("push")
		void onPush(JsonNode push) {
			this.commits.addAndGet(push.path("commits").size());
		}

	}

	private static final class Variant {

		final String name;

		final String label;

		final int port;

		final String path;

		final InboundStore store;

		final List<Measurement> measurements = new ArrayList<>();

		Variant(String name, String label, int port, String path, InboundStore store) {
			this.name = name;
			this.label = label;
			this.port = port;
			this.path = path;
			this.store = store;
		}

	}

	private static final class Measurement {

		long requests;

		long ok;

		long nanos;

		long drainNanos;

		final Map<Integer, Long> statuses = new TreeMap<>();

		long[] latencies = new long[0];

		double throughput() {
			return this.ok / (this.nanos / 1e9);
		}

		double failures() {
			return this.requests - this.ok;
		}

		double percentile(double p) {
			if (this.latencies.length == 0) {
				return 0;
			}
			return this.latencies[(int) Math.min(this.latencies.length - 1, Math.ceil(p * this.latencies.length) - 1)];
		}

	}

	/**
	 * A signed GitHub push, in JSON and gzip.
	 */
	private static final class Push {

		final byte[] json;

		final byte[] gzip;

		final String signature;

		Push(byte[] json) throws IOException, GeneralSecurityException {
			this.json = json;
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
				gzip.write(json);
			}
			this.gzip = out.toByteArray();
			this.signature = "sha256=" + HexFormat.of().formatHex(hmac(json));
		}

		static List<Push> pool(int count) throws IOException, GeneralSecurityException {
			List<Push> pushes = new ArrayList<>();
			SplittableRandom random = new SplittableRandom(42);
			for (int i = 0; i < count; i++) {
				pushes.add(new Push(json(i, random)));
			}
			return pushes;
		}

		// a push of two commits, about 2 KB, as GitHub sends it (abridged)
		private static byte[] json(int n, SplittableRandom random) {
			StringBuilder json = new StringBuilder(2300);
			String before = hex(random, 20);
			String after = hex(random, 20);
			json.append("{\"ref\":\"refs/heads/main\",\"before\":\"").append(before).append("\",\"after\":\"")
				.append(after).append("\",\"repository\":{\"id\":").append(100_000 + n)
				.append(",\"node_id\":\"R_kgDOG").append(hex(random, 4))
				.append("\",\"name\":\"webhook-starter\",\"full_name\":\"octo-org/webhook-starter\",\"private\":false,")
				.append("\"owner\":{\"name\":\"octo-org\",\"login\":\"octo-org\",\"id\":6811672,\"type\":\"Organization\"},")
				.append("\"html_url\":\"https://github.com/octo-org/webhook-starter\",\"description\":\"Webhooks for Spring Boot\",")
				.append("\"fork\":false,\"created_at\":1700000000,\"updated_at\":\"2026-11-30T10:00:00Z\",")
				.append("\"pushed_at\":1764496800,\"default_branch\":\"main\",\"stargazers_count\":").append(random.nextInt(5000))
				.append(",\"language\":\"Java\"},\"pusher\":{\"name\":\"octocat\",\"email\":\"octocat@github.com\"},")
				.append("\"sender\":{\"login\":\"octocat\",\"id\":583231,\"type\":\"User\",\"site_admin\":false},")
				.append("\"created\":false,\"deleted\":false,\"forced\":false,\"compare\":\"https://github.com/octo-org/webhook-starter/compare/")
				.append(before, 0, 12).append("...").append(after, 0, 12).append("\",\"commits\":[");
			for (int c = 0; c < 2; c++) {
				String id = (c == 1) ? after : hex(random, 20);
				json.append((c > 0) ? "," : "").append("{\"id\":\"").append(id).append("\",\"tree_id\":\"")
					.append(hex(random, 20)).append("\",\"distinct\":true,\"message\":\"Inbound: commit ").append(n)
					.append('-').append(c).append(" of the benchmark push\",\"timestamp\":\"2026-11-30T10:0").append(c)
					.append(":00Z\",\"url\":\"https://github.com/octo-org/webhook-starter/commit/").append(id)
					.append("\",\"author\":{\"name\":\"Mona Lisa\",\"email\":\"mona@example.com\",\"username\":\"mona\"},")
					.append("\"committer\":{\"name\":\"GitHub\",\"email\":\"noreply@github.com\",\"username\":\"web-flow\"},")
					.append("\"added\":[],\"removed\":[],\"modified\":[\"src/main/java/Inbound").append(c).append(".java\"]}");
			}
			json.append("],\"head_commit\":{\"id\":\"").append(after).append("\",\"message\":\"Inbound: commit ")
				.append(n).append("-1 of the benchmark push\",\"timestamp\":\"2026-11-30T10:01:00Z\",")
				.append("\"author\":{\"name\":\"Mona Lisa\",\"email\":\"mona@example.com\",\"username\":\"mona\"}}}");
			return json.toString().getBytes(StandardCharsets.UTF_8);
		}

		private static String hex(SplittableRandom random, int bytes) {
			byte[] value = new byte[bytes];
			random.nextBytes(value);
			return HexFormat.of().formatHex(value);
		}

	}

	/**
	 * The load generator: one thread per keep-alive connection, one request in flight on
	 * each.
	 */
	private static final class Load {

		private final List<Push> pushes;

		private final int connections;

		private final int maxRequests;

		Load(List<Push> pushes, int connections, int maxRequests) {
			this.pushes = pushes;
			this.connections = connections;
			this.maxRequests = maxRequests;
		}

		Measurement run(Variant variant, String tag, double seconds) throws Exception {
			AtomicLong budget = new AtomicLong(this.maxRequests);
			Connection[] workers = new Connection[this.connections];
			long start = System.nanoTime();
			long deadline = start + (long) (seconds * 1e9);
			Thread[] threads = new Thread[this.connections];
			for (int i = 0; i < this.connections; i++) {
				workers[i] = new Connection(variant, tag + "-" + i + "-", deadline, budget, i);
				threads[i] = new Thread(workers[i], "load-" + i);
				threads[i].start();
			}
			for (Thread thread : threads) {
				thread.join();
			}
			Measurement measurement = new Measurement();
			measurement.nanos = System.nanoTime() - start;
			int total = 0;
			for (Connection worker : workers) {
				if (worker.error != null) {
					throw new IllegalStateException("Load on " + variant.path + " failed", worker.error);
				}
				measurement.requests += worker.requests;
				measurement.ok += worker.ok;
				worker.statuses.forEach((status, count) -> measurement.statuses.merge(status, count, Long::sum));
				total += worker.latencyCount;
			}
			long[] latencies = new long[total];
			int offset = 0;
			for (Connection worker : workers) {
				System.arraycopy(worker.latencies, 0, latencies, offset, worker.latencyCount);
				offset += worker.latencyCount;
			}
			Arrays.sort(latencies);
			measurement.latencies = latencies;
			measurement.statuses.keySet().removeIf((status) -> status / 100 == 2);
			if (variant.store != null) {
				long drainStart = System.nanoTime();
				long drainDeadline = drainStart + 20_000_000_000L;
				while (variant.store.countUnfinished() > 0 && System.nanoTime() < drainDeadline) {
					Thread.sleep(5);
				}
				measurement.drainNanos = System.nanoTime() - drainStart;
			}
			return measurement;
		}

		private final class Connection implements Runnable {

			private final Variant variant;

			private final String idPrefix;

			private final long deadline;

			private final AtomicLong budget;

			private final SplittableRandom random;

			final Map<Integer, Long> statuses = new TreeMap<>();

			long requests;

			long ok;

			long[] latencies = new long[4096];

			int latencyCount;

			Exception error;

			Connection(Variant variant, String idPrefix, long deadline, AtomicLong budget, int seed) {
				this.variant = variant;
				this.idPrefix = idPrefix + System.nanoTime() + "-";
				this.deadline = deadline;
				this.budget = budget;
				this.random = new SplittableRandom(seed);
			}

			@Override
			public void run() {
				try {
					Socket socket = null;
					InputStream in = null;
					long sequence = 0;
					while (System.nanoTime() < this.deadline && this.budget.getAndDecrement() > 0) {
						if (socket == null) {
							socket = new Socket("127.0.0.1", this.variant.port);
							socket.setTcpNoDelay(true);
							in = new BufferedInputStream(socket.getInputStream(), 8192);
						}
						long deliveryNumber = (sequence > 0 && this.random.nextDouble() < DUPLICATE_SHARE)
								? sequence - 1 - this.random.nextInt((int) Math.min(sequence, 64)) : sequence++;
						Push push = InboundThroughput.Load.this.pushes
							.get((int) (deliveryNumber % InboundThroughput.Load.this.pushes.size()));
						byte[] request = request(push, this.idPrefix + deliveryNumber);
						long sent = System.nanoTime();
						OutputStream out = socket.getOutputStream();
						out.write(request);
						out.flush();
						Response response = Response.read(in);
						record(System.nanoTime() - sent, response.status);
						if (response.close) {
							socket.close();
							socket = null;
						}
					}
					if (socket != null) {
						socket.close();
					}
				}
				catch (Exception ex) {
					this.error = ex;
				}
			}

			private byte[] request(Push push, String deliveryId) {
				String head = "POST " + this.variant.path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.variant.port
						+ "\r\nUser-Agent: GitHub-Hookshot/bench\r\nContent-Type: application/json\r\n"
						+ "Content-Encoding: gzip\r\nX-GitHub-Event: push\r\nX-GitHub-Delivery: " + deliveryId
						+ "\r\nX-GitHub-Hook-ID: 4242\r\nX-Hub-Signature-256: " + push.signature
						+ "\r\nContent-Length: " + push.gzip.length + "\r\n\r\n";
				byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
				byte[] request = Arrays.copyOf(headBytes, headBytes.length + push.gzip.length);
				System.arraycopy(push.gzip, 0, request, headBytes.length, push.gzip.length);
				return request;
			}

			private void record(long nanos, int status) {
				this.requests++;
				if (status / 100 == 2) {
					this.ok++;
				}
				this.statuses.merge(status, 1L, Long::sum);
				if (this.latencyCount == this.latencies.length) {
					this.latencies = Arrays.copyOf(this.latencies, this.latencies.length * 2);
				}
				this.latencies[this.latencyCount++] = nanos;
			}

		}

	}

	/**
	 * The parts of an HTTP/1.1 response the load generator needs; its body is skipped.
	 */
	private record Response(int status, boolean close) {

		static Response read(InputStream in) throws IOException {
			String statusLine = line(in);
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long contentLength = 0;
			boolean chunked = false;
			boolean close = false;
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				int colon = header.indexOf(':');
				String name = header.substring(0, colon).trim();
				String value = header.substring(colon + 1).trim();
				if (name.equalsIgnoreCase("Content-Length")) {
					contentLength = Long.parseLong(value);
				}
				else if (name.equalsIgnoreCase("Transfer-Encoding")) {
					chunked = value.equalsIgnoreCase("chunked");
				}
				else if (name.equalsIgnoreCase("Connection")) {
					close = value.equalsIgnoreCase("close");
				}
			}
			if (chunked) {
				for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16); size > 0;
						size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
					in.skipNBytes(size);
					line(in);
				}
				line(in);
			}
			else {
				in.skipNBytes(contentLength);
			}
			return new Response(status, close);
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder(64);
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b < 0) {
					throw new IOException("Connection closed by the server");
				}
				if (b != '\r') {
					line.append((char) b);
				}
			}
			return line.toString();
		}

	}

}
