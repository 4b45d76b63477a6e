package io.github.webhookstarter.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.webhookstarter.outbound.DeliveryDispatcher;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.outbound.WebhookPublisher;

/**
 * Heap of the outbound side against a backlog: the used heap of an idle application, then with
 * {@code count} pending deliveries of 2 KB bodies to one endpoint ({@code --endpoints=N}: to
 * {@code N}, {@code count} / {@code N} events), with the dispatcher working against them.
 * <p>
 * The endpoint is a local receiver that answers every request {@code 503 Service Unavailable}
 * with {@code Retry-After: 86400}: each delivery the dispatcher claims is attempted, its
 * attempt recorded, and it stays pending, due again in a day. The dispatcher therefore keeps
 * claiming and sending at full speed through the backlog for the whole measurement, and the
 * deliveries stay unfinished; the figure includes what the engine holds while it works, and
 * for the in-memory store the attempts it records.
 * <p>
 * With {@code --drain} (the in-memory store only), the receivers keep every request waiting
 * instead, unanswered, so that the dispatcher holds its in-flight deliveries and the rest stay
 * pending while the heap is read; then they answer {@code 204}, and the time until every
 * delivery was acknowledged is measured, against the JDK {@code HttpClient} sending as many
 * requests of the same bodies to the same receivers with the same in-flight cap (64), as
 * {@link OutboundThroughput} measures it. The harness then prints {@code RESULT} lines
 * ({@link Results}): the heap the backlog adds against the bytes of the bodies themselves (one
 * per event), and the drain time against the raw client's.
 * <p>
 * Stores:
 * <ul>
 * <li>{@code memory}: the in-memory store, {@code count} (default 100,000) events published through
 * {@link WebhookPublisher}, the only way in;</li>
 * <li>{@code postgresql}: the JDBC store on the local PostgreSQL ({@value #POSTGRESQL_URL}), in a
 * schema of its own, {@value #POSTGRESQL_SCHEMA}, dropped before and after the run, so that other
 * runs on the {@code public} tables of that database are left alone. The backlog of {@code count}
 * (default 1,000,000) messages is inserted with a few {@code INSERT ... SELECT generate_series}
 * statements, 100,000 rows each, writing what {@code JdbcDeliveryStore.save} writes (message id,
 * event type, publication time, the body in the standard envelope; one {@code PENDING} delivery
 * per message with a random UUID, no attempt, due and created at the publication time, in
 * publication order), then {@code ANALYZE}d as autovacuum would;</li>
 * <li>{@code h2}: the JDBC store on the embedded in-memory H2, {@code count} (default 100,000)
 * events published through {@link WebhookPublisher}. H2 holds its database on the heap, so
 * that figure includes the database itself.</li>
 * </ul>
 * The used heap is read after the context has started and settled ({@value #SETTLE_SECONDS}
 * s), and again after the backlog is built and the dispatcher has run for {@code seconds}
 * (default 15): each time the least of five readings of {@link MemoryMXBean}, each read as soon as a
 * {@link System#gc()} (a full collection) returns, a short sleep apart. The classes of the live objects that grew most
 * over idle follow, from class histograms (as {@code jcmd <pid> GC.class_histogram} prints them)
 * taken after each reading.
 * <p>
 * Run with {@code MAVEN_OPTS="-Xms2g -Xmx2g" ./mvnw -q -o -pl benchmarks exec:java
 * -Dexec.mainClass=io.github.webhookstarter.benchmarks.BacklogMemory -Dexec.args="postgresql 1000000 15"}
 * ({@code -Dexec.args="store [count [seconds]] [--endpoints=N] [--drain] [name=value ...]"}, the extra
 * properties set on the
 * application under test). {@code exec:java} runs in the Maven JVM, whose own heap (Maven, its
 * plugins) is part of both readings: the difference is what the backlog adds.
 */
public final class BacklogMemory {

	static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/webhook_bench?user=postgres";

	static final String POSTGRESQL_SCHEMA = "backlog_memory";

	static final int SETTLE_SECONDS = 5;

	private static final String ENDPOINT = "receiver";

	private static final String ENDPOINTS_OPTION = "--endpoints=";

	private static final String DRAIN_OPTION = "--drain";

	private static final String EVENT_TYPE = "order.created";

	private static final int BODY_SIZE = 2048;

	private static final int INSERT_CHUNK = 100_000;

	private BacklogMemory() {
	}

	public static void main(String[] args) throws Exception {
		String store = (args.length > 0) ? args[0].toLowerCase(Locale.ROOT) : "memory";
		int index = 1;
		int count = store.equals("postgresql") ? 1_000_000 : 100_000;
		int seconds = 15;
		if (args.length > index && !args[index].contains("=")) {
			count = Integer.parseInt(args[index++]);
		}
		if (args.length > index && !args[index].contains("=")) {
			seconds = Integer.parseInt(args[index++]);
		}
		int endpoints = 1;
		boolean drain = false;
		List<String> extraProperties = new ArrayList<>();
		for (String arg : List.of(args).subList(index, args.length)) {
			if (arg.startsWith(ENDPOINTS_OPTION)) {
				endpoints = Integer.parseInt(arg.substring(ENDPOINTS_OPTION.length()));
			}
			else if (arg.equals(DRAIN_OPTION)) {
				drain = true;
			}
			else {
				extraProperties.add(arg);
			}
		}
		if (!List.of("memory", "postgresql", "h2").contains(store)) {
			throw new IllegalArgumentException("Unknown store '" + store + "': memory, postgresql or h2");
		}
		if (store.equals("postgresql") && (endpoints != 1 || drain)) {
			throw new IllegalArgumentException("PostgreSQL's backlog is inserted for one endpoint, not drained");
		}
		System.out.printf("Java %s, %d cores, max heap %,d MB, store %s, %,d pending deliveries of %,d bytes to %d"
				+ " endpoint(s), dispatcher run %d s%s%n", Runtime.version(), Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() >> 20, store, count, BODY_SIZE, endpoints, seconds,
				drain ? ", then drained" : "");
		if (store.equals("postgresql")) {
			dropAndCreateSchema(true);
		}
		try (Receivers receivers = new Receivers(endpoints)) {
			if (drain) {
				receivers.hold();
			}
			else {
				receivers.rejecting();
			}
			measure(store, count, seconds, receivers, drain, extraProperties);
		}
		finally {
			if (store.equals("postgresql")) {
				dropAndCreateSchema(false);
			}
		}
	}

	private static void measure(String store, int count, int seconds, Receivers receivers, boolean drain,
			List<String> extraProperties) throws Exception {
		List<String> properties = new ArrayList<>(List.of("logging.level.root=warn",
				// the receiver's 503s are expected: one WARN line a minute is noise enough
				"logging.level.io.github.webhookstarter=error", "spring.main.banner-mode=off",
				"webhook.outbound.poll-interval=1s"));
		for (int i = 0; i < receivers.count(); i++) {
			String endpoint = "webhook.outbound.endpoints[" + i + "].";
			properties.add(endpoint + "name=" + ((i == 0) ? ENDPOINT : ENDPOINT + i));
			properties.add(endpoint + "url=" + receivers.uris().get(i));
			properties.add(endpoint + "secret=" + OutboundThroughput.SECRET);
			if (drain) {
				// the requests held while the heap is read must not time out
				properties.add(endpoint + "timeout=1h");
			}
		}
		if (drain) {
			// the in-flight cap of OutboundThroughput and its baseline, to one endpoint as to all
			properties.add("webhook.outbound.max-concurrency=" + OutboundThroughput.CONCURRENCY);
			properties.add("webhook.outbound.max-concurrency-per-endpoint=" + OutboundThroughput.CONCURRENCY);
		}
		int events = count / receivers.count();
		switch (store) {
			case "memory" -> {
				properties.add("webhook.store=memory");
				properties.add("webhook.outbound.memory.max-deliveries=" + count);
			}
			case "postgresql" -> {
				properties.add("spring.datasource.url=" + POSTGRESQL_URL + "&currentSchema=" + POSTGRESQL_SCHEMA);
				properties.add("webhook.jdbc.initialize-schema=always");
			}
			default -> {
				// the embedded H2 on the class path
				properties.add("webhook.store=jdbc");
				properties.add("webhook.jdbc.initialize-schema=always");
			}
		}
		properties.addAll(extraProperties);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run()) {
			DeliveryStore deliveryStore = context.getBean(DeliveryStore.class);
			Thread.sleep(SETTLE_SECONDS * 1000L);
			long idle = usedHeap();
			Map<String, long[]> idleHistogram = histogram();
			System.out.printf("idle: used heap %,.1f MB, %,d deliveries pending%n", mb(idle),
					deliveryStore.countUnfinished());
			long start = System.nanoTime();
			if (store.equals("postgresql")) {
				insertBacklog(context.getBean(DataSource.class), count);
				context.getBean(DeliveryDispatcher.class).wakeUp();
			}
			else {
				publishBacklog(context.getBean(WebhookPublisher.class), events);
			}
			System.out.printf("backlog of %,d built in %.1f s; %,d requests received meanwhile%n", count,
					(System.nanoTime() - start) / 1e9, receivers.received());
			long before = receivers.received();
			Thread.sleep(seconds * 1000L);
			long sent = receivers.received() - before;
			long withBacklog = usedHeap();
			long pending = deliveryStore.countUnfinished();
			System.out.printf("with backlog: used heap %,.1f MB, %,d deliveries pending; the dispatcher sent "
					+ "%,d requests in %d s (%,d since the start)%n", mb(withBacklog), pending, sent, seconds,
					receivers.received());
			System.out.printf("RESULT store=%s pending=%,d idle=%,.1f MB withBacklog=%,.1f MB difference=%,.1f MB"
					+ " (%,.0f bytes per pending delivery)%n", store, pending, mb(idle), mb(withBacklog),
					mb(withBacklog - idle), (double) (withBacklog - idle) / Math.max(pending, 1));
			printHistogramGrowth(idleHistogram, histogram(), 15);
			if (drain) {
				String name = store + "-" + count / 1000 + "k-" + receivers.count() + "ep-" + Results.jdk();
				Results.lower("scale", "heap-" + name, "the bodies themselves", mb((long) events * BODY_SIZE),
						mb(withBacklog - idle), "MB");
				double drainSeconds = drain(receivers, deliveryStore, count);
				System.out.printf("drained %,d deliveries in %.1f s, %,.0f deliveries/s%n", count, drainSeconds,
						count / drainSeconds);
				context.close();
				receivers.reset();
				byte[] body = ("{\"type\":\"order.created\",\"timestamp\":\"2026-12-03T07:00:00.123456Z\",\"data\":"
						+ "{\"orderId\":\"o-1\",\"note\":\"" + "x".repeat(BODY_SIZE - envelopeSize(EVENT_TYPE, "o-1"))
						+ "\"}}").getBytes();
				double rawSeconds = receivers.postRaw(events, body, OutboundThroughput.CONCURRENCY);
				System.out.printf("baseline: raw HttpClient sent %,d requests in %.1f s, %,.0f requests/s%n", count,
						rawSeconds, count / rawSeconds);
				Results.lower("scale", "drain-" + name, "raw HttpClient sendAsync, same requests", rawSeconds,
						drainSeconds, "s");
				Results.note("scale", String.format("Java %s, in memory: %,d pending deliveries (%,d events of %,d"
						+ " bytes to %d endpoints), heap growth over the idle application after GC; drain: from the"
						+ " receivers' first answer until every delivery was acknowledged, %d in flight",
						Runtime.version(), count, events, BODY_SIZE, receivers.count(), OutboundThroughput.CONCURRENCY));
			}
		}
	}

	// seconds from releasing the held requests until every delivery was acknowledged and finished
	private static double drain(Receivers receivers, DeliveryStore deliveryStore, int count)
			throws InterruptedException {
		long start = System.nanoTime();
		receivers.release();
		receivers.await(count);
		while (deliveryStore.countUnfinished() > 0) {
			Thread.sleep(20);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private static void publishBacklog(WebhookPublisher publisher, int count) {
		String note = "x".repeat(BODY_SIZE - envelopeSize(EVENT_TYPE, "o-" + count));
		long bytes = 0;
		for (int i = 0; i < count; i++) {
			WebhookMessage message = publisher.publish(EVENT_TYPE, Map.of("orderId", "o-" + i, "note", note));
			bytes += message.body().length;
		}
		System.out.printf("published %,d events, %,.0f bytes of body on average%n", count, (double) bytes / count);
	}

	// the body but the note, as Jackson writes the standard envelope with a timestamp to the microsecond
	private static int envelopeSize(String type, String orderId) {
		return ("{\"type\":\"" + type + "\",\"timestamp\":\"2026-12-03T07:00:00.123456Z\",\"data\":{\"orderId\":\""
				+ orderId + "\",\"note\":\"\"}}").length();
	}

	/**
	 * Insert the backlog as {@code JdbcDeliveryStore.save} would have: one message and one
	 * pending delivery each, published a microsecond apart up to now, in chunks committed one by
	 * one (messages first, so that a claim never finds a delivery without its message).
	 */
	private static void insertBacklog(DataSource dataSource, int count) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		// UTC, as the store writes its instants; the last message is published now
		String now = jdbc.queryForObject("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
				String.class);
		String base = "SELECT gs, 'msg_' || md5('backlog-' || gs) AS message_id, "
				+ "TIMESTAMP '" + now + "' - (" + count + " - gs) * interval '1 microsecond' AS ts "
				+ "FROM generate_series(?, ?) gs";
		// a note padding the body to 2 KB: hex digits, as random as md5 makes them
		String note = "substr(repeat(md5(CAST(gs AS text)), 64), 1, " + BODY_SIZE + " - length(body_head) - 3)";
		String insertMessages = "INSERT INTO webhook_message (id, event_type, published_at, body) "
				+ "SELECT message_id, '" + EVENT_TYPE + "', ts, convert_to(body_head || " + note
				+ " || '\"}}', 'UTF8') FROM (SELECT b.*, '{\"type\":\"" + EVENT_TYPE + "\",\"timestamp\":\"' "
				+ "|| to_char(ts, 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') || '\",\"data\":{\"orderId\":\"o-' || gs "
				+ "|| '\",\"note\":\"' AS body_head FROM (" + base + ") b) m ORDER BY gs";
		String insertDeliveries = "INSERT INTO webhook_delivery (id, message_id, endpoint, status, attempts, due_at, "
				+ "created_at) SELECT CAST(gen_random_uuid() AS text), message_id, '" + ENDPOINT
				+ "', 'PENDING', 0, ts, ts FROM (" + base + ") b ORDER BY gs";
		for (int from = 1; from <= count; from += INSERT_CHUNK) {
			int to = Math.min(count, from + INSERT_CHUNK - 1);
			jdbc.update(insertMessages, from, to);
			jdbc.update(insertDeliveries, from, to);
		}
		jdbc.execute("ANALYZE webhook_message");
		jdbc.execute("ANALYZE webhook_delivery");
		Map<String, Object> sizes = jdbc.queryForMap("SELECT avg(length(body)) AS body, "
				+ "pg_size_pretty(pg_total_relation_size('webhook_message') + pg_total_relation_size('webhook_delivery')) "
				+ "AS tables FROM webhook_message");
		System.out.printf("inserted %,d messages and deliveries, %,.0f bytes of body on average, %s on disk%n", count,
				((Number) sizes.get("body")).doubleValue(), sizes.get("tables"));
	}

	// the starter's tables in a schema of their own, created (empty) before the run and dropped after it
	private static void dropAndCreateSchema(boolean create) throws Exception {
		try (Connection connection = DriverManager.getConnection(POSTGRESQL_URL);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + POSTGRESQL_SCHEMA + " CASCADE");
			if (create) {
				statement.execute("CREATE SCHEMA " + POSTGRESQL_SCHEMA);
			}
		}
	}

	private static long usedHeap() throws InterruptedException {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			Thread.sleep(200);
			// read at once: the dispatcher keeps allocating, hundreds of MB a second
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	private static double mb(long bytes) {
		return bytes / (1024.0 * 1024.0);
	}

	// what jcmd <pid> GC.class_histogram prints (a full GC first, then the live objects), by class
	private static Map<String, long[]> histogram() throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		String histogram = (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
				"gcClassHistogram", new Object[] { new String[0] }, new String[] { String[].class.getName() });
		Map<String, long[]> instancesAndBytes = new HashMap<>();
		histogram.lines().map(String::trim).filter((line) -> line.matches("\\d+:.*")).forEach((line) -> {
			String[] fields = line.split("\\s+");
			instancesAndBytes.put(fields[3], new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[2]) });
		});
		return instancesAndBytes;
	}

	private static long total(Map<String, long[]> histogram) {
		return histogram.values().stream().mapToLong((instancesAndBytes) -> instancesAndBytes[1]).sum();
	}

	private static void printHistogramGrowth(Map<String, long[]> before, Map<String, long[]> after, int lines) {
		System.out.printf("class histogram, live objects: %,.1f MB idle, %,.1f MB with backlog; growth over idle "
				+ "(top %d by bytes):%n", mb(total(before)), mb(total(after)), lines);
		System.out.printf("%14s %14s  %s%n", "instances", "bytes", "class");
		after.entrySet()
			.stream()
			.map((entry) -> {
				long[] idle = before.getOrDefault(entry.getKey(), new long[2]);
				return Map.entry(entry.getKey(),
						new long[] { entry.getValue()[0] - idle[0], entry.getValue()[1] - idle[1] });
			})
			.sorted(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1]).reversed())
			.limit(lines)
			.forEach((entry) -> System.out.printf("%+,14d %+,14d  %s%n", entry.getValue()[0], entry.getValue()[1],
					entry.getKey()));
	}

	@SpringBootApplication
	static class BenchmarkApplication {

	}

}
