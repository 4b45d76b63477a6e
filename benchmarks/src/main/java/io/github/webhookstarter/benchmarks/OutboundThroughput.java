package io.github.webhookstarter.benchmarks;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.webhookstarter.outbound.WebhookPublisher;

/**
 * Throughput of the outbound side: {@code events} webhooks published and delivered to one and
 * to ten local endpoints, against a baseline run side by side in the same JVM: the JDK
 * {@link HttpClient} posting the same bodies to the same receivers with the same concurrency,
 * without storing, signing or retrying.
 * <p>
 * {@code wrk} posting the same body to the same receivers for a few seconds, when it is
 * installed, tells what the receivers can take. Besides its own lines, the harness prints
 * {@code RESULT} lines ({@link Results}): the time from the first publish until every delivery
 * was acknowledged, against the time the baseline took for as many requests and the time wrk
 * would take at its rate.
 * <p>
 * {@code benchmarks/run.sh} runs it. By hand:
 * {@code ./mvnw -q -pl benchmarks -am install -DskipTests && ./mvnw -q -pl benchmarks exec:java}
 * ({@code -Dexec.args="10000 name=value ..."} sets the number of events and extra properties of the
 * application under test). The in-memory store is measured unless the properties choose another,
 * such as {@code webhook.store=jdbc} (the embedded H2 on the class path) or
 * {@code spring.datasource.url=jdbc:postgresql://...}, whose webhook tables are dropped before
 * each run, so that no run reads the rows that earlier ones finished.
 */
public final class OutboundThroughput {

	static final int CONCURRENCY = 64;

	static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	/** The body of the baselines, the size of the starter's. */
	static final byte[] BODY = ("{\"type\":\"order.created\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":"
			+ "{\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":2}}").getBytes();

	/** How long wrk runs, in seconds: {@code -Dbench.wrk-seconds=...}. */
	private static final int WRK_SECONDS = Integer.getInteger("bench.wrk-seconds", 5);

	private OutboundThroughput() {
	}

	public static void main(String[] args) throws Exception {
		int events = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		List<String> extraProperties = (args.length > 1) ? List.of(args).subList(1, args.length) : List.of();
		System.out.printf("Java %s, %d cores, %d events, concurrency %d%n", Runtime.version(),
				Runtime.getRuntime().availableProcessors(), events, CONCURRENCY);
		// a first round warms both paths up; its figures are not reported (nor run in a smoke run)
		if (!Results.quick()) {
			measure(1, Math.min(events, 2_000), extraProperties, false);
		}
		for (int endpoints : new int[] { 1, 10 }) {
			measure(endpoints, events, extraProperties, true);
		}
		Results.note("outbound", String.format("%s, Java %s: %,d events per run, to 1 endpoint and to 10 (%,d"
				+ " deliveries), %d in flight; time from the first publish until the receivers acknowledged every"
				+ " delivery; wrk's time is that count at the rate wrk reached in %d s", store(extraProperties),
				Runtime.version(), events, events * 10, CONCURRENCY, WRK_SECONDS));
	}

	// the store of the case names: memory, postgresql, h2
	private static String store(List<String> extraProperties) {
		String store = "memory";
		for (String property : extraProperties) {
			if (property.startsWith("spring.datasource.url=jdbc:")) {
				store = property.substring("spring.datasource.url=jdbc:".length()).split(":")[0];
			}
			else if (property.equals("webhook.store=jdbc")) {
				store = "h2";
			}
		}
		return store;
	}

	private static void measure(int endpoints, int events, List<String> extraProperties, boolean report)
			throws Exception {
		try (Receivers receivers = new Receivers(endpoints)) {
			int total = events * endpoints;
			double cpuBefore = Results.cpuSeconds();
			double baselineSeconds = receivers.postRaw(events, BODY, CONCURRENCY);
			double baselineCpu = Results.cpuSeconds() - cpuBefore;
			receivers.reset();
			Run run = starter(receivers, events, extraProperties);
			double starterSeconds = run.seconds();
			if (report) {
				double baseline = total / baselineSeconds;
				double starter = total / starterSeconds;
				System.out.printf("%2d endpoint(s): baseline %,8.0f requests/s, starter %,8.0f deliveries/s, ratio %.2f%n",
						endpoints, baseline, starter, starter / baseline);
				// the receivers' CPU included, the same for both
				System.out.printf("%2d endpoint(s): CPU per request, receivers included: baseline %.1f us, starter %.1f us%n",
						endpoints, baselineCpu * 1e6 / total, run.cpuSeconds() * 1e6 / total);
				String name = store(extraProperties) + "-" + endpoints + "ep-" + Results.jdk();
				Results.lower("outbound", name, "raw HttpClient sendAsync", baselineSeconds, starterSeconds, "s");
				double wrk = receivers.wrk(BODY, CONCURRENCY, WRK_SECONDS);
				if (wrk > 0) {
					System.out.printf("%2d endpoint(s): wrk %,8.0f requests/s%n", endpoints, wrk);
					Results.lower("outbound", name + "-vs-wrk", "wrk, what the sink takes", total / wrk,
							starterSeconds, "s");
				}
				else {
					Results.note("outbound", "wrk is not installed: no sink capacity measured");
				}
			}
		}
	}

	private static Run starter(Receivers receivers, int events, List<String> extraProperties) throws Exception {
		int total = events * receivers.count();
		List<String> properties = starterProperties(receivers);
		properties.add("webhook.outbound.memory.max-deliveries=" + total);
		if (extraProperties.stream().noneMatch((property) -> property.startsWith("spring.datasource.url=")
				|| property.startsWith("webhook.store="))) {
			// H2 is on the class path for durable runs, which the in-memory default must not pick up
			properties.add("webhook.store=memory");
		}
		properties.addAll(extraProperties);
		for (String property : extraProperties) {
			if (property.startsWith("spring.datasource.url=")) {
				BenchmarkDatabase.dropTables(property.substring("spring.datasource.url=".length()));
			}
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run()) {
			WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
			double cpuBefore = Results.cpuSeconds();
			long start = System.nanoTime();
			for (int i = 0; i < events; i++) {
				publisher.publish("order.created", Map.of("orderId", "o-" + i, "item", "book", "quantity", 2));
			}
			receivers.await(total);
			return new Run((System.nanoTime() - start) / 1e9, Results.cpuSeconds() - cpuBefore);
		}
	}

	/**
	 * The properties of the starter under test in the outbound harnesses: quiet, the baseline's
	 * in-flight cap to one endpoint as to all of them, the receivers as its endpoints.
	 * @param receivers the receivers
	 * @return the properties, a list to add to
	 */
	static List<String> starterProperties(Receivers receivers) {
		List<String> properties = new ArrayList<>(List.of("logging.level.root=warn", "spring.main.banner-mode=off",
				"webhook.outbound.max-concurrency=" + CONCURRENCY,
				"webhook.outbound.max-concurrency-per-endpoint=" + CONCURRENCY, "webhook.outbound.poll-interval=100ms"));
		for (int i = 0; i < receivers.count(); i++) {
			properties.add("webhook.outbound.endpoints[" + i + "].url=" + receivers.uris().get(i));
			properties.add("webhook.outbound.endpoints[" + i + "].secret=" + SECRET);
		}
		return properties;
	}

	/**
	 * A run of the starter.
	 *
	 * @param seconds the time from the first publish until every delivery was acknowledged
	 * @param cpuSeconds the CPU time of the process meanwhile
	 */
	private record Run(double seconds, double cpuSeconds) {

	}

	@SpringBootApplication
	static class BenchmarkApplication {

	}

}
