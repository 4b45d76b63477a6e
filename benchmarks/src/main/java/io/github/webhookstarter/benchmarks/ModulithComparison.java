package io.github.webhookstarter.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.security.WebhookSecurityAutoConfiguration;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.outbound.WebhookPublisher;

/**
 * Durable outbound throughput on PostgreSQL, the starter against what a Spring user builds
 * instead: Spring Modulith's JDBC event publication registry with an
 * {@link ApplicationModuleListener @ApplicationModuleListener} (transactional, asynchronous,
 * after commit) that signs each event as Standard Webhooks does and POSTs it with a
 * {@link RestClient} to every endpoint, one request per endpoint per event. The JDK
 * {@link HttpClient} posting the same bodies without storing, signing or retrying, as
 * {@link OutboundThroughput} does it, is measured alongside.
 * <p>
 * {@code events} events are published to one and to ten local endpoints, each in its own
 * transaction as a service method would: {@code ApplicationEventPublisher.publishEvent} for
 * Modulith, {@code WebhookPublisher.publish} (whose JDBC store joins the transaction as an
 * outbox) for the starter. A run is timed from the first publish until the receivers have
 * counted every request ({@code events} x endpoints). Both stacks have the in-flight cap of the
 * baseline, 64: the starter's {@code max-concurrency} and {@code max-concurrency-per-endpoint},
 * Modulith's asynchronous task executor's pool. Each stack runs in its own Spring context
 * without the other's auto-configuration, and the tables of both are dropped before each run.
 * A first round with one endpoint warms the three paths up; its figures are not reported.
 * Besides its own lines, the harness prints {@code RESULT} lines ({@link Results}): the time from
 * the first publish until every delivery was acknowledged, against Modulith's and the raw
 * client's for as many.
 * <p>
 * Run with {@code ./mvnw -q -o -pl benchmarks exec:java -Dexec.mainClass=io.github.webhookstarter.benchmarks.ModulithComparison}
 * ({@code -Dexec.args="5000 jdbc:postgresql://host:5432/db?user=..."} sets the number of events,
 * 2,000 by default, and the database, by default {@code webhook_bench} on 127.0.0.1:5432 as
 * user {@code postgres}). The starter's SNAPSHOT must be installed.
 */
public final class ModulithComparison {

	private static final int CONCURRENCY = OutboundThroughput.CONCURRENCY;

	private static final String SECRET = OutboundThroughput.SECRET;

	private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/webhook_bench?user=postgres";

	/** The auto-configurations of the starter, kept out of Modulith's context. */
	private static final List<String> STARTER_AUTO_CONFIGURATIONS = Stream
		.of(WebhookSigningAutoConfiguration.class, WebhookStoreAutoConfiguration.class,
				WebhookInboundAutoConfiguration.class, WebhookSecurityAutoConfiguration.class,
				WebhookOutboundAutoConfiguration.class)
		.map(Class::getName)
		.toList();

	/** The auto-configurations of Spring Modulith 2.1.1's JDBC starter, kept out of the starter's context. */
	private static final List<String> MODULITH_AUTO_CONFIGURATIONS = List.of(
			"org.springframework.modulith.core.config.ApplicationModuleInitializerRuntimeVerification",
			"org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
			"org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
			"org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration",
			"org.springframework.modulith.events.jackson2.Jackson2EventSerializationConfiguration",
			"org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
			"org.springframework.modulith.moments.autoconfigure.MomentsAutoConfiguration",
			"org.springframework.modulith.moments.autoconfigure.MomentsJacksonAutoConfiguration");

	/** On the runtime class path only, like the rest of Modulith's implementation. */
	private static final String EVENT_PUBLICATION_REGISTRY = "org.springframework.modulith.events.core.EventPublicationRegistry";

	private ModulithComparison() {
	}

	public static void main(String[] args) throws Exception {
		int events = (args.length > 0) ? Integer.parseInt(args[0]) : 2_000;
		String url = (args.length > 1) ? args[1] : DEFAULT_URL;
		System.out.printf("Java %s, %d cores, %d events, concurrency %d, %s%n", Runtime.version(),
				Runtime.getRuntime().availableProcessors(), events, CONCURRENCY, url);
		// a first round warms the three paths up; its figures are not reported (nor run in a smoke run)
		if (!Results.quick()) {
			measure(1, Math.min(events, 2_000), url, false);
		}
		for (int endpoints : new int[] { 1, 10 }) {
			measure(endpoints, events, url, true);
		}
		Results.note("outbound", String.format("PostgreSQL, Java %s: %,d events per run, each in its own"
				+ " transaction, to 1 endpoint and to 10 (%,d deliveries), %d in flight", Runtime.version(), events,
				events * 10, CONCURRENCY));
	}

	private static void measure(int endpoints, int events, String url, boolean report) throws Exception {
		try (Receivers receivers = new Receivers(endpoints)) {
			int total = events * endpoints;
			double rawSeconds = receivers.postRaw(events, OutboundThroughput.BODY, CONCURRENCY);
			receivers.reset();
			BenchmarkDatabase.dropTables(url);
			double modulithSeconds = modulith(receivers, events, url);
			receivers.reset();
			BenchmarkDatabase.dropTables(url);
			double starterSeconds = starter(receivers, events, url);
			if (report) {
				double raw = total / rawSeconds;
				double modulith = total / modulithSeconds;
				double starter = total / starterSeconds;
				System.out.printf(
						"%2d endpoint(s): raw %,8.0f requests/s, Modulith %,8.0f deliveries/s, starter %,8.0f deliveries/s,"
								+ " starter/Modulith %.2f, starter/raw %.2f%n",
						endpoints, raw, modulith, starter, starter / modulith, starter / raw);
				String name = "postgresql-" + endpoints + "ep-" + Results.jdk();
				Results.lower("outbound", name, "Modulith JDBC registry + RestClient", modulithSeconds, starterSeconds,
						"s");
				Results.lower("outbound", name + "-vs-raw", "raw HttpClient sendAsync", rawSeconds, starterSeconds, "s");
			}
		}
	}

	private static double modulith(Receivers receivers, int events, String url) throws Exception {
		int total = events * receivers.count();
		List<String> properties = new ArrayList<>(List.of("logging.level.root=warn", "spring.main.banner-mode=off",
				"spring.datasource.url=" + url, "spring.modulith.events.jdbc.schema-initialization.enabled=true",
				// Modulith's auto-configurations are filtered out of every other context of this module
				ModulithAutoConfigurationFilter.ENABLED + "=true",
				// the baseline's in-flight cap: as many listeners at once
				"spring.task.execution.pool.core-size=" + CONCURRENCY,
				"spring.autoconfigure.exclude=" + String.join(",", STARTER_AUTO_CONFIGURATIONS),
				"bench.endpoints=" + receivers.uris().stream().map(URI::toString).collect(Collectors.joining(",")),
				"bench.secret=" + SECRET));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ModulithApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run()) {
			if (!context.getBeansOfType(WebhookPublisher.class).isEmpty()) {
				throw new IllegalStateException("The starter is active in Modulith's context");
			}
			if (context.getBeanNamesForType(Class.forName(EVENT_PUBLICATION_REGISTRY)).length == 0) {
				throw new IllegalStateException("Spring Modulith's event publication registry is missing");
			}
			ApplicationEventPublisher publisher = context;
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			long start = System.nanoTime();
			for (int i = 0; i < events; i++) {
				OrderCreated event = new OrderCreated("o-" + i, "book", 2);
				transactions.executeWithoutResult((status) -> publisher.publishEvent(event));
			}
			printPublished("Modulith", events, start);
			receivers.await(total);
			double seconds = (System.nanoTime() - start) / 1e9;
			Integer stored = context.getBean(JdbcTemplate.class)
				.queryForObject("SELECT COUNT(*) FROM event_publication", Integer.class);
			if (stored == null || stored != events) {
				throw new IllegalStateException("Modulith stored " + stored + " publications of " + events + " events");
			}
			return seconds;
		}
	}

	private static double starter(Receivers receivers, int events, String url) throws Exception {
		int total = events * receivers.count();
		List<String> properties = OutboundThroughput.starterProperties(receivers);
		properties.addAll(List.of("spring.datasource.url=" + url, "webhook.jdbc.initialize-schema=always",
				"spring.autoconfigure.exclude=" + String.join(",", MODULITH_AUTO_CONFIGURATIONS)));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StarterApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run()) {
			if (context.getBeanNamesForType(Class.forName(EVENT_PUBLICATION_REGISTRY)).length > 0) {
				throw new IllegalStateException("Spring Modulith is active in the starter's context");
			}
			WebhookPublisher publisher = context.getBean(WebhookPublisher.class);
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			long start = System.nanoTime();
			for (int i = 0; i < events; i++) {
				OrderCreated payload = new OrderCreated("o-" + i, "book", 2);
				transactions.executeWithoutResult((status) -> publisher.publish("order.created", payload));
			}
			printPublished("starter", events, start);
			receivers.await(total);
			return (System.nanoTime() - start) / 1e9;
		}
	}

	// how much of a run the publishing thread takes alone, each event a transaction and a commit:
	// a stack cannot deliver faster than its events are committed
	private static void printPublished(String stack, int events, long start) {
		System.out.printf("    %s: %,d events published and committed in %.2f s%n", stack, events,
				(System.nanoTime() - start) / 1e9);
	}

	/**
	 * The event, published as it is by both stacks.
	 */
	public record OrderCreated(String orderId, String item, int quantity) {
	}

	// Neither application is a @Configuration: component scanning (OutboundThroughput's
	// application scans this package) finds neither, and neither scans.

	@EnableAutoConfiguration
	@Import(OrderWebhookListener.class)
	static class ModulithApplication {

	}

	@EnableAutoConfiguration
	static class StarterApplication {

	}

	/**
	 * What a Spring user writes instead of the starter: a transactional, asynchronous listener run
	 * after commit from Modulith's event publication registry, which signs the event as Standard
	 * Webhooks does and POSTs it to every endpoint.
	 */
	static class OrderWebhookListener {

		private final RestClient client;

		private final JsonMapper jsonMapper;

		private final List<URI> endpoints;

		private final SecretKeySpec key;

		OrderWebhookListener(ObjectProvider<RestClient.Builder> builder, ObjectProvider<JsonMapper> jsonMapper,
				@Value("${bench.endpoints}") List<URI> endpoints, @Value("${bench.secret}") String secret) {
			this.client = builder.getIfAvailable(() -> RestClient.builder()
				.requestFactory(new JdkClientHttpRequestFactory(
						HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build())))
				.build();
			this.jsonMapper = jsonMapper.getIfAvailable(JsonMapper::new);
			this.endpoints = endpoints;
			this.key = new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
					"HmacSHA256");
		}

		@ApplicationModuleListener
		public void on(OrderCreated event) throws Exception {
			String id = "msg_" + UUID.randomUUID();
			Instant now = Instant.now();
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("type", "order.created");
			payload.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
			payload.put("data", event);
			byte[] body = this.jsonMapper.writeValueAsBytes(payload);
			String timestamp = Long.toString(now.getEpochSecond());
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
			for (URI endpoint : this.endpoints) {
				this.client.post()
					.uri(endpoint)
					.contentType(MediaType.APPLICATION_JSON)
					.header("webhook-id", id)
					.header("webhook-timestamp", timestamp)
					.header("webhook-signature", signature)
					.body(body)
					.retrieve()
					.toBodilessEntity();
			}
		}

	}

}
