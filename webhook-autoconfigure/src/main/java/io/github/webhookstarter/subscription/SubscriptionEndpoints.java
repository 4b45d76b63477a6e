package io.github.webhookstarter.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import io.github.webhookstarter.core.internal.EventTypes;
import io.github.webhookstarter.core.internal.PollingLoop;
import io.github.webhookstarter.outbound.DynamicEndpoints;
import io.github.webhookstarter.outbound.EventSelector;
import io.github.webhookstarter.outbound.WebhookEndpoint;

/**
 * The endpoints of every dynamic subscription, held in memory and indexed by the events they
 * subscribe to, so that finding the subscribers of an event costs time proportional to the
 * matches, not to the number of subscriptions: subscriptions to an exact event type are
 * found by name, and the few distinct wildcard patterns are matched once per event type,
 * whose subscribers are then remembered until the subscriptions change.
 * <p>
 * The subscriptions are read from the {@link SubscriptionStore} once at start, then only what
 * changed since the version last read, every {@code refreshInterval} and at once after this
 * instance changed one ({@link #refresh()}): every instance sees a change within the
 * interval, and no event reads the store. A rotated-out secret stops being used once its
 * overlap ends, within the same interval.
 * <p>
 * Not API: public so that the auto-configuration can create it; applications manage
 * subscriptions with {@link WebhookSubscriptions}.
 *
 * @author Webhook Starter team
 */
public final class SubscriptionEndpoints implements DynamicEndpoints, SmartLifecycle {

	/**
	 * The lifecycle phase: subscriptions are read before the dispatcher, which runs in the
	 * default phase, starts claiming their deliveries.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	// more distinct event types than an application publishes: the cache is then started over
	private static final int MAX_CACHED_EVENT_TYPES = 10_000;

	private static final Log logger = LogFactory.getLog(SubscriptionEndpoints.class);

	private final SubscriptionStore store;

	private final Function<Subscription, WebhookEndpoint> endpointFactory;

	private final Duration timeout;

	private final Clock clock;

	private final PollingLoop refreshLoop;

	private final Object refreshLock = new Object();

	private volatile Index index = Index.EMPTY;

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param store the store of the subscriptions
	 * @param endpointFactory turns a subscription into the endpoint it is delivered as, given
	 * the secrets in use now; may throw {@link IllegalArgumentException} for a subscription it
	 * cannot deliver to, which is then left out and logged
	 * @param timeout the timeout of every subscription's endpoint
	 * @param refreshInterval how often changes made by other instances are read
	 * @param clock tells when rotated-out secrets stop being used
	 */
	public SubscriptionEndpoints(SubscriptionStore store, Function<Subscription, WebhookEndpoint> endpointFactory,
			Duration timeout, Duration refreshInterval, Clock clock) {
		this.store = store;
		this.endpointFactory = endpointFactory;
		this.timeout = timeout;
		this.clock = clock;
		this.refreshLoop = new PollingLoop("webhook-subscriptions-", refreshInterval, refreshInterval, (scheduled) -> {
			refresh();
			return false;
		});
	}

	/**
	 * Read what changed in the store since the last read, now.
	 */
	public void refresh() {
		synchronized (this.refreshLock) {
			Index current = this.index;
			Instant now = this.clock.instant();
			SubscriptionChanges changes = this.store.findChanges(current.version);
			if (changes.changed().isEmpty() && changes.deleted().isEmpty() && !current.secretsExpireBy(now)) {
				return;
			}
			Map<String, Subscription> subscriptions = new HashMap<>(current.subscriptions);
			changes.deleted().forEach(subscriptions::remove);
			changes.changed().forEach((subscription) -> subscriptions.put(subscription.id(), subscription));
			this.index = Index.of(subscriptions, Math.max(current.version, changes.version()), now,
					(subscription) -> reuseOrCreate(current, subscription, now));
		}
	}

	// building an endpoint checks its headers against those its signature scheme sets, by
	// signing: that of a subscription unchanged since the last read is kept
	private @Nullable WebhookEndpoint reuseOrCreate(Index current, Subscription subscription, Instant now) {
		Subscription previous = current.subscriptions.get(subscription.id());
		WebhookEndpoint endpoint = current.endpoints.get(subscription.id());
		if (previous != null && endpoint != null && previous.version() == subscription.version()
				&& !signsWithAnEndedSecret(endpoint, subscription, now)) {
			return endpoint;
		}
		return endpoint(subscription);
	}

	private static boolean signsWithAnEndedSecret(WebhookEndpoint endpoint, Subscription subscription, Instant now) {
		Instant expiresAt = subscription.previousSecretExpiresAt();
		return endpoint.secrets().size() > 1 && expiresAt != null && !expiresAt.isAfter(now);
	}

	private @Nullable WebhookEndpoint endpoint(Subscription subscription) {
		try {
			return this.endpointFactory.apply(subscription);
		}
		catch (IllegalArgumentException ex) {
			// such as a signature scheme that this instance does not have
			logger.warn("Subscription '" + subscription.id() + "' is not delivered to: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * Return the subscription with the given id, as last read.
	 * @param id the id
	 * @return the subscription, or {@code null} if there is none
	 */
	@Nullable Subscription getSubscription(String id) {
		return this.index.subscriptions.get(id);
	}

	/**
	 * Return how many subscriptions there are, as last read.
	 * @return the number of subscriptions
	 */
	public int size() {
		return this.index.subscriptions.size();
	}

	@Override
	public @Nullable WebhookEndpoint get(String name) {
		return this.index.endpoints.get(name);
	}

	@Override
	public Collection<WebhookEndpoint> getEndpoints() {
		return this.index.endpoints.values();
	}

	@Override
	public List<WebhookEndpoint> getSubscribers(String type) {
		return this.index.subscribers(type);
	}

	@Override
	public Set<String> getOrderedEndpoints() {
		return this.index.ordered;
	}

	@Override
	public Duration getLongestTimeout() {
		return this.timeout;
	}

	@Override
	public void start() {
		refresh();
		this.running = true;
		this.refreshLoop.start();
	}

	@Override
	public void stop() {
		this.running = false;
		this.refreshLoop.stop(this.timeout);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * One immutable reading of every subscription, with its indexes.
	 */
	private static final class Index {

		static final Index EMPTY = new Index(Map.of(), Map.of(), Map.of(), Map.of(), Set.of(), 0, null);

		final Map<String, Subscription> subscriptions;

		final Map<String, WebhookEndpoint> endpoints;

		// subscribers of each exact event type, and of each distinct wildcard pattern
		final Map<String, List<WebhookEndpoint>> byType;

		final Map<String, List<WebhookEndpoint>> byPattern;

		final Set<String> ordered;

		final long version;

		final @Nullable Instant firstSecretExpiry;

		final Map<String, List<WebhookEndpoint>> subscribersByType = new ConcurrentHashMap<>();

		private Index(Map<String, Subscription> subscriptions, Map<String, WebhookEndpoint> endpoints,
				Map<String, List<WebhookEndpoint>> byType, Map<String, List<WebhookEndpoint>> byPattern,
				Set<String> ordered, long version, @Nullable Instant firstSecretExpiry) {
			this.subscriptions = subscriptions;
			this.endpoints = endpoints;
			this.byType = byType;
			this.byPattern = byPattern;
			this.ordered = ordered;
			this.version = version;
			this.firstSecretExpiry = firstSecretExpiry;
		}

		static Index of(Map<String, Subscription> subscriptions, long version, Instant now,
				Function<Subscription, @Nullable WebhookEndpoint> endpointFactory) {
			Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
			Map<String, List<WebhookEndpoint>> byType = new HashMap<>();
			Map<String, List<WebhookEndpoint>> byPattern = new HashMap<>();
			Set<String> ordered = new HashSet<>();
			Instant firstSecretExpiry = null;
			for (Subscription subscription : subscriptions.values()) {
				Instant expiry = subscription.previousSecretExpiresAt();
				if (subscription.previousSecret() != null && expiry != null && expiry.isAfter(now)
						&& (firstSecretExpiry == null || expiry.isBefore(firstSecretExpiry))) {
					firstSecretExpiry = expiry;
				}
				WebhookEndpoint endpoint = endpointFactory.apply(subscription);
				if (endpoint == null) {
					continue;
				}
				endpoints.put(endpoint.name(), endpoint);
				if (endpoint.ordered()) {
					ordered.add(endpoint.name());
				}
				for (EventSelector selector : endpoint.events()) {
					String pattern = selector.pattern();
					Map<String, List<WebhookEndpoint>> index = (pattern.indexOf('*') >= 0) ? byPattern : byType;
					index.computeIfAbsent(pattern, (key) -> new ArrayList<>()).add(endpoint);
				}
			}
			return new Index(Map.copyOf(subscriptions), endpoints, byType, byPattern, Set.copyOf(ordered), version,
					firstSecretExpiry);
		}

		boolean secretsExpireBy(Instant now) {
			return this.firstSecretExpiry != null && !this.firstSecretExpiry.isAfter(now);
		}

		List<WebhookEndpoint> subscribers(String type) {
			List<WebhookEndpoint> subscribers = this.subscribersByType.get(type);
			if (subscribers == null) {
				subscribers = findSubscribers(type);
				if (this.subscribersByType.size() >= MAX_CACHED_EVENT_TYPES) {
					this.subscribersByType.clear();
				}
				this.subscribersByType.put(type, subscribers);
			}
			return subscribers;
		}

		private List<WebhookEndpoint> findSubscribers(String type) {
			List<WebhookEndpoint> exact = this.byType.getOrDefault(type, List.of());
			List<List<WebhookEndpoint>> wildcards = new ArrayList<>();
			this.byPattern.forEach((pattern, endpoints) -> {
				if (EventTypes.matches(pattern, type)) {
					wildcards.add(endpoints);
				}
			});
			if (wildcards.isEmpty()) {
				return List.copyOf(exact);
			}
			// a subscription with several matching patterns is one subscriber
			Map<String, WebhookEndpoint> subscribers = new LinkedHashMap<>();
			exact.forEach((endpoint) -> subscribers.putIfAbsent(endpoint.name(), endpoint));
			wildcards.forEach((endpoints) -> endpoints
				.forEach((endpoint) -> subscribers.putIfAbsent(endpoint.name(), endpoint)));
			return List.copyOf(subscribers.values());
		}

	}

}
