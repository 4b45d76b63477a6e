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
 * Run with {@code ./mvnw -q -pl benchmarks -am install -DskipTests && ./mvnw -q -pl benchmarks exec:java}
 * ({@code -Dexec.args="10000 name=value ..."} sets the number of events and extra properties of the
 * application under test). The in-memory store is measured unless the properties choose another,
 * such as {@code webhook.store=jdbc} (the embedded H2 on the class path) or
 * {@code spring.datasource.url=jdbc:postgresql://...}, whose webhook tables are dropped before
 * each run, so that no run reads the rows that earlier ones finished.
 */
public final class OutboundThroughput {

	private static final int CONCURRENCY = 64;

	private OutboundThroughput() {
	}

	public static void main(String[] args) throws Exception {
		int events = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		List<String> extraProperties = (args.length > 1) ? List.of(args).subList(1, args.length) : List.of();
		System.out.printf("Java %s, %d cores, %d events, concurrency %d%n", Runtime.version(),
				Runtime.getRuntime().availableProcessors(), events, CONCURRENCY);
		// a first round warms both paths up; its figures are not reported
		measure(1, Math.min(events, 2_000), extraProperties, false);
		for (int endpoints : new int[] { 1, 10 }) {
			measure(endpoints, events, extraProperties, true);
		}
	}

	private static void measure(int endpoints, int events, List<String> extraProperties, boolean report)
			throws Exception {
		try (Receivers receivers = new Receivers(endpoints)) {
			byte[] body = ("{\"type\":\"order.created\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":"
					+ "{\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":2}}").getBytes();
			double baseline = receivers.postRaw(events, body, CONCURRENCY);
			receivers.reset();
			double starter = starter(receivers, events, extraProperties);
			if (report) {
				System.out.printf("%2d endpoint(s): baseline %,8.0f requests/s, starter %,8.0f deliveries/s, ratio %.2f%n",
						endpoints, baseline, starter, starter / baseline);
			}
		}
	}

	private static double starter(Receivers receivers, int events, List<String> extraProperties) throws Exception {
		int total = events * receivers.count();
		List<String> properties = new ArrayList<>(List.of("logging.level.root=warn", "spring.main.banner-mode=off",
				// the baseline's in-flight cap, to one endpoint as to all of them
				"webhook.outbound.max-concurrency=" + CONCURRENCY,
				"webhook.outbound.max-concurrency-per-endpoint=" + CONCURRENCY, "webhook.outbound.poll-interval=100ms",
				"webhook.outbound.memory.max-deliveries=" + total));
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
		for (int i = 0; i < receivers.count(); i++) {
			properties.add("webhook.outbound.endpoints[" + i + "].url=" + receivers.uris().get(i));
			properties.add("webhook.outbound.endpoints[" + i + "].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run()) {
			WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
			long start = System.nanoTime();
			for (int i = 0; i < events; i++) {
				publisher.publish("order.created", Map.of("orderId", "o-" + i, "item", "book", "quantity", 2));
			}
			receivers.await(total);
			return total / ((System.nanoTime() - start) / 1e9);
		}
	}

	@SpringBootApplication
	static class BenchmarkApplication {

	}

}
