package io.github.webhookstarter.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.webhookstarter.core.IntervalBackOff;
import io.github.webhookstarter.outbound.EventPhase;
import io.github.webhookstarter.outbound.UrlPolicy;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.signing.SignatureSchemes;
import io.github.webhookstarter.store.memory.InMemorySubscriptionStore;
import io.github.webhookstarter.subscription.Subscription;
import io.github.webhookstarter.subscription.SubscriptionEndpointFactory;
import io.github.webhookstarter.subscription.SubscriptionEndpoints;

/**
 * Finding the subscribers of an event among many subscriptions: {@link SubscriptionEndpoints}
 * (exact event types by name, the distinct wildcard patterns matched once per event type and
 * remembered), against a baseline run side by side in the same JVM: a linear scan over the same
 * endpoints with {@link WebhookEndpoint#subscribes}, as the configured endpoints are matched.
 * <p>
 * {@code subscriptions} (100,000 by default) are kept in the {@link InMemorySubscriptionStore}
 * and turned into endpoints by the {@link SubscriptionEndpointFactory}: 90 % subscribe to one
 * of 1,000 event types ({@code d0.e0} to {@code d49.e19}), 10 % to one of 50 patterns
 * ({@code d0.*} to {@code d49.*}). Measured: a lookup of an event type already looked up since
 * the last change (cached), the first lookup of a type after a change (cold), and the refresh
 * that reads one changed subscription and rebuilds the index. Besides its own lines, the harness
 * prints {@code RESULT} lines ({@link Results}): both lookups against the scan.
 * <p>
 * Run with {@code ./mvnw -q install -DskipTests} once, then
 * {@code ./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=io.github.webhookstarter.benchmarks.SubscriptionMatching}
 * ({@code -Dexec.args="100000 5"} sets the number of subscriptions and of measured rounds).
 */
public final class SubscriptionMatching {

	private static final int EVENT_TYPES = 1_000;

	private static final int EVENTS_PER_DOMAIN = 20;

	private static final int PATTERNS = EVENT_TYPES / EVENTS_PER_DOMAIN;

	private static final int WARMUP_ROUNDS = 3;

	private static final String[] TYPES = new String[EVENT_TYPES];

	static {
		for (int i = 0; i < EVENT_TYPES; i++) {
			TYPES[i] = "d" + (i / EVENTS_PER_DOMAIN) + ".e" + (i % EVENTS_PER_DOMAIN);
		}
	}

	// what every lookup's result adds to, so that none is optimized away
	private static long sink;

	private SubscriptionMatching() {
	}

	public static void main(String[] args) {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 5;
		System.out.printf("Java %s, %d cores, %,d subscriptions (90 %% of %,d event types, 10 %% of %d patterns), "
				+ "%d measured rounds after %d warm-up rounds%n", Runtime.version(),
				Runtime.getRuntime().availableProcessors(), count, EVENT_TYPES, PATTERNS, rounds, WARMUP_ROUNDS);
		Clock clock = Clock.systemUTC();
		InMemorySubscriptionStore store = new InMemorySubscriptionStore();
		Instant now = clock.instant();
		for (int i = 0; i < count; i++) {
			// every tenth a pattern, in turn; the others the exact types, in turn
			String event = (i % 10 == 9) ? "d" + ((i / 10) % PATTERNS) + ".*"
					: TYPES[((i / 10) * 9 + i % 10) % EVENT_TYPES];
			store.create(new Subscription("sub_" + i, "owner-" + (i % 1_000),
					URI.create("https://hooks.example.com/" + i), List.of(event), null,
					"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", null, null, Map.of(), "standard", 0, false, now, now,
					0));
		}
		SubscriptionEndpointFactory factory = new SubscriptionEndpointFactory(new SignatureSchemes(List.of()),
				UrlPolicy.builder().build(), Duration.ofSeconds(10), IntervalBackOff.standardWebhooks(), clock);
		// refreshed by hand only: the refresh loop is never started
		SubscriptionEndpoints subscriptions = new SubscriptionEndpoints(store, factory::create,
				Duration.ofSeconds(10), Duration.ofHours(1), clock);
		subscriptions.refresh();
		List<WebhookEndpoint> endpoints = new ArrayList<>(subscriptions.getEndpoints());
		checkSameSubscribers(subscriptions, endpoints);
		int subscribers = subscriptions.getSubscribers(TYPES[0]).size();
		System.out.printf("subscribers of each event type: %d%n", subscribers);

		double[] scan = new double[rounds];
		double[] cached = new double[rounds];
		double[] cold = new double[rounds];
		double[] refresh = new double[rounds];
		for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
			double scanNanos = linearScan(endpoints, 50);
			double refreshNanos = refreshAfterOneChange(store, subscriptions, round);
			double coldNanos = lookups(subscriptions, 1);
			double cachedNanos = lookups(subscriptions, 200);
			if (round >= 0) {
				scan[round] = scanNanos;
				cached[round] = cachedNanos;
				cold[round] = coldNanos;
				refresh[round] = refreshNanos;
			}
		}
		double scanMedian = Results.median(scan);
		double cachedMedian = Results.median(cached);
		double coldMedian = Results.median(cold);
		System.out.printf("baseline, linear scan:        %,12.0f ns per lookup%n", scanMedian);
		System.out.printf("index, cached event type:     %,12.0f ns per lookup, %,.0f times faster%n", cachedMedian,
				scanMedian / cachedMedian);
		System.out.printf("index, first lookup (cold):   %,12.0f ns per lookup, %,.0f times faster%n", coldMedian,
				scanMedian / coldMedian);
		System.out.printf("refresh after one change:     %,12.1f ms (rebuilds the index of %,d)%n",
				Results.median(refresh) / 1e6, subscriptions.size());
		System.out.printf("medians of %d rounds; rounds: scan %s, cached %s, cold %s, refresh (ms) %s (sink %d)%n",
				rounds, rounded(scan, 1), rounded(cached, 1), rounded(cold, 1), rounded(refresh, 1e6), sink);
		String name = count / 1000 + "k-" + Results.jdk();
		Results.lower("scale", "match-cached-" + name, "linear scan of the endpoints", scanMedian, cachedMedian,
				"ns/lookup");
		Results.lower("scale", "match-first-after-change-" + name, "linear scan of the endpoints", scanMedian,
				coldMedian, "ns/lookup");
		Results.note("scale", String.format("Java %s, subscription matching: %,d subscriptions (%d subscribers per"
				+ " event type), medians of %d rounds; the refresh after one change, which rebuilds the index, took"
				+ " %.1f ms (no baseline)", Runtime.version(), count, subscribers, rounds, Results.median(refresh) / 1e6));
	}

	// the subscribers the index finds are those the scan finds, for a type of each domain and one of none
	private static void checkSameSubscribers(SubscriptionEndpoints subscriptions, List<WebhookEndpoint> endpoints) {
		List<String> types = new ArrayList<>();
		for (int i = 0; i < EVENT_TYPES; i += EVENTS_PER_DOMAIN + 1) {
			types.add(TYPES[i]);
		}
		types.add("unknown.type");
		for (String type : types) {
			List<String> indexed = subscriptions.getSubscribers(type).stream().map(WebhookEndpoint::name).sorted().toList();
			List<String> scanned = scan(endpoints, type).stream().map(WebhookEndpoint::name).sorted().toList();
			if (!indexed.equals(scanned)) {
				throw new IllegalStateException("Subscribers of " + type + " differ: " + indexed.size() + " indexed, "
						+ scanned.size() + " scanned");
			}
		}
	}

	// nanoseconds per lookup, each type looked up once per pass
	private static double linearScan(List<WebhookEndpoint> endpoints, int passes) {
		long start = System.nanoTime();
		for (int pass = 0; pass < passes; pass++) {
			sink += scan(endpoints, TYPES[(pass * 7) % EVENT_TYPES]).size();
		}
		return (System.nanoTime() - start) / (double) passes;
	}

	private static List<WebhookEndpoint> scan(List<WebhookEndpoint> endpoints, String type) {
		List<WebhookEndpoint> subscribers = new ArrayList<>();
		for (WebhookEndpoint endpoint : endpoints) {
			if (endpoint.subscribes(EventPhase.AFTER, type)) {
				subscribers.add(endpoint);
			}
		}
		return subscribers;
	}

	// nanoseconds per lookup of every type, passes times: the first pass after a refresh is cold
	private static double lookups(SubscriptionEndpoints subscriptions, int passes) {
		long start = System.nanoTime();
		for (int pass = 0; pass < passes; pass++) {
			for (String type : TYPES) {
				sink += subscriptions.getSubscribers(type).size();
			}
		}
		return (System.nanoTime() - start) / (double) passes / EVENT_TYPES;
	}

	// nanoseconds to read one changed subscription and rebuild the index
	private static double refreshAfterOneChange(InMemorySubscriptionStore store, SubscriptionEndpoints subscriptions,
			int round) {
		Subscription current = store.find("sub_" + (round + WARMUP_ROUNDS)).orElseThrow();
		store.update(new Subscription(current.id(), current.owner(), current.url(), current.events(),
				"changed in round " + round, current.secret(), null, null, current.headers(), current.signature(),
				current.rateLimit(), current.ordered(), current.createdAt(), Instant.now(), current.version()))
			.orElseThrow();
		long start = System.nanoTime();
		subscriptions.refresh();
		return System.nanoTime() - start;
	}

	private static String rounded(double[] values, double divisor) {
		return Arrays.toString(Arrays.stream(values).mapToLong((value) -> Math.round(value / divisor)).toArray());
	}

}
