package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The endpoints webhooks are delivered to, and whether each is enabled now.
 * <p>
 * An endpoint configured as not {@linkplain WebhookEndpoint#enabled() enabled} subscribes to
 * nothing and is never sent to. Any other endpoint may be disabled at runtime, when it is
 * gone or keeps failing, or by hand: that state is kept in an {@link EndpointStateStore},
 * shared by every instance that uses the same store. Webhooks published while an endpoint is
 * disabled at runtime are stored for it and sent once it is enabled again.
 * <p>
 * Besides the configured endpoints, it may deliver to {@link DynamicEndpoints}, such as dynamic
 * subscriptions, whose runtime state is kept the same way.
 *
 * @author Webhook Starter team
 */
public final class WebhookEndpoints {

	private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();

	private final EndpointStateStore stateStore;

	private final @Nullable DynamicEndpoints dynamicEndpoints;

	// disables and enables made through this instance, which its dispatcher sees at once
	private final AtomicLong changes = new AtomicLong();

	/**
	 * Create the registry of the given endpoints.
	 * @param endpoints the endpoints, with unique names
	 * @param stateStore the store of whether each endpoint is disabled at runtime
	 * @throws IllegalArgumentException if two endpoints share a name
	 */
	public WebhookEndpoints(Collection<WebhookEndpoint> endpoints, EndpointStateStore stateStore) {
		this(endpoints, stateStore, null);
	}

	/**
	 * Create the registry of the given endpoints and of endpoints defined at runtime.
	 * @param endpoints the configured endpoints, with unique names
	 * @param stateStore the store of whether each endpoint is disabled at runtime
	 * @param dynamicEndpoints the endpoints defined at runtime, or {@code null}; a configured
	 * endpoint wins over one of the same name
	 * @throws IllegalArgumentException if two configured endpoints share a name
	 */
	public WebhookEndpoints(Collection<WebhookEndpoint> endpoints, EndpointStateStore stateStore,
			@Nullable DynamicEndpoints dynamicEndpoints) {
		for (WebhookEndpoint endpoint : endpoints) {
			if (this.endpoints.putIfAbsent(endpoint.name(), endpoint) != null) {
				throw new IllegalArgumentException("Two webhook endpoints are named '" + endpoint.name() + "'");
			}
		}
		this.stateStore = stateStore;
		this.dynamicEndpoints = dynamicEndpoints;
	}

	/**
	 * Return every endpoint, enabled or not: the configured ones, then those defined at
	 * runtime.
	 * @return the endpoints
	 */
	public Collection<WebhookEndpoint> getEndpoints() {
		DynamicEndpoints dynamic = this.dynamicEndpoints;
		if (dynamic == null) {
			return this.endpoints.values();
		}
		List<WebhookEndpoint> all = new ArrayList<>(this.endpoints.values());
		for (WebhookEndpoint endpoint : dynamic.getEndpoints()) {
			if (!this.endpoints.containsKey(endpoint.name())) {
				all.add(endpoint);
			}
		}
		return all;
	}

	/**
	 * Return the configured endpoints, enabled or not, without those defined at runtime.
	 * @return the configured endpoints
	 */
	public Collection<WebhookEndpoint> getConfiguredEndpoints() {
		return this.endpoints.values();
	}

	/**
	 * Return the endpoints defined at runtime, such as dynamic subscriptions, without the
	 * configured ones.
	 * @return the endpoints defined at runtime
	 */
	public Collection<WebhookEndpoint> getDynamicEndpoints() {
		DynamicEndpoints dynamic = this.dynamicEndpoints;
		return (dynamic != null) ? dynamic.getEndpoints() : List.of();
	}

	/**
	 * Return an endpoint by name.
	 * @param name the endpoint name
	 * @return the endpoint, or {@code null} if there is none of that name
	 */
	public @Nullable WebhookEndpoint get(String name) {
		WebhookEndpoint endpoint = this.endpoints.get(name);
		DynamicEndpoints dynamic = this.dynamicEndpoints;
		return (endpoint != null || dynamic == null) ? endpoint : dynamic.get(name);
	}

	/**
	 * Return the longest timeout of any endpoint, including those defined at runtime later.
	 * @return the longest timeout
	 */
	Duration getLongestTimeout() {
		Duration longest = this.endpoints.values()
			.stream()
			.map(WebhookEndpoint::timeout)
			.max(Duration::compareTo)
			.orElse(Duration.ZERO);
		DynamicEndpoints dynamic = this.dynamicEndpoints;
		return (dynamic != null && dynamic.getLongestTimeout().compareTo(longest) > 0) ? dynamic.getLongestTimeout()
				: longest;
	}

	/**
	 * Return the endpoints subscribed to an event in a phase. Endpoints configured as not
	 * enabled never subscribe. An endpoint disabled at runtime subscribes in the
	 * {@linkplain EventPhase#AFTER after} phase, so that its deliveries are stored and wait
	 * until it is enabled again, but not in the {@linkplain EventPhase#BEFORE before} phase,
	 * whose webhooks are sent at once or not at all.
	 * @param phase the phase
	 * @param type the event type
	 * @return the subscribed endpoints
	 */
	public List<WebhookEndpoint> getSubscribers(EventPhase phase, String type) {
		List<WebhookEndpoint> subscribers = this.endpoints.values()
			.stream()
			.filter((endpoint) -> endpoint.enabled() && endpoint.subscribes(phase, type))
			.toList();
		DynamicEndpoints dynamic = this.dynamicEndpoints;
		if (phase == EventPhase.AFTER && dynamic != null) {
			List<WebhookEndpoint> dynamicSubscribers = dynamic.getSubscribers(type);
			if (!dynamicSubscribers.isEmpty()) {
				List<WebhookEndpoint> all = new ArrayList<>(subscribers);
				for (WebhookEndpoint endpoint : dynamicSubscribers) {
					if (!this.endpoints.containsKey(endpoint.name())) {
						all.add(endpoint);
					}
				}
				return all;
			}
		}
		if (phase == EventPhase.AFTER || subscribers.isEmpty()) {
			return subscribers;
		}
		Set<String> disabled = this.stateStore.findDisabled();
		return subscribers.stream().filter((endpoint) -> !disabled.contains(endpoint.name())).toList();
	}

	/**
	 * Return the names of the endpoints that deliver in publish order.
	 * @return the ordered endpoints
	 */
	Set<String> getOrderedEndpoints() {
		Set<String> ordered = this.endpoints.values()
			.stream()
			.filter(WebhookEndpoint::ordered)
			.map(WebhookEndpoint::name)
			.collect(Collectors.toSet());
		DynamicEndpoints dynamic = this.dynamicEndpoints;
		if (dynamic != null) {
			ordered.addAll(dynamic.getOrderedEndpoints());
		}
		return Set.copyOf(ordered);
	}

	/**
	 * Return the names of the endpoints that are disabled, by configuration or at runtime.
	 * @return the disabled endpoints
	 */
	public Set<String> getDisabledEndpoints() {
		Set<String> disabled = new HashSet<>(this.stateStore.findDisabled());
		// the store also knows endpoints that only other instances have
		disabled.removeIf((name) -> get(name) == null);
		this.endpoints.values()
			.stream()
			.filter((endpoint) -> !endpoint.enabled())
			.forEach((endpoint) -> disabled.add(endpoint.name()));
		return Set.copyOf(disabled);
	}

	/**
	 * Return whether an endpoint is enabled: it is known, enabled by configuration and not
	 * disabled at runtime.
	 * @param name the endpoint name
	 * @return whether webhooks are delivered to it
	 */
	public boolean isEnabled(String name) {
		WebhookEndpoint endpoint = get(name);
		if (endpoint == null || !endpoint.enabled()) {
			return false;
		}
		EndpointState state = this.stateStore.find(name);
		return state == null || !state.disabled();
	}

	/**
	 * Return the runtime state of an endpoint, shared by every instance.
	 * @param name the endpoint name
	 * @return the state, or {@code null} if none was ever recorded for it
	 */
	public @Nullable EndpointState getState(String name) {
		return this.stateStore.find(name);
	}

	/**
	 * Disable an endpoint at runtime, for every instance that shares the
	 * {@link EndpointStateStore}: its pending deliveries wait until it is enabled again.
	 * @param name the endpoint name
	 * @param reason why it is disabled
	 * @param now the current time
	 * @return whether it was known and enabled at runtime before, for one caller alone among
	 * those that disable it at once
	 */
	public boolean disable(String name, String reason, Instant now) {
		boolean disabled = get(name) != null && this.stateStore.disable(name, reason, now);
		this.changes.incrementAndGet();
		return disabled;
	}

	/**
	 * Enable an endpoint that was disabled at runtime, for every instance that shares the
	 * {@link EndpointStateStore}. An endpoint configured as not enabled stays so.
	 * @param name the endpoint name
	 * @return whether it was disabled at runtime before
	 */
	public boolean enable(String name) {
		boolean enabled = this.stateStore.enable(name);
		this.changes.incrementAndGet();
		return enabled;
	}

	/**
	 * Return how many times endpoints were disabled or enabled through this instance, for a
	 * reader of {@link #getDisabledEndpoints()} to tell that what it read is out of date.
	 * @return the number of changes
	 */
	long changes() {
		return this.changes.get();
	}

	/**
	 * Record that an attempt to an endpoint failed, for every instance that shares the
	 * {@link EndpointStateStore}.
	 * @param name the endpoint name
	 * @param now the current time
	 * @return since when every attempt to the endpoint has failed
	 */
	Instant recordFailure(String name, Instant now) {
		return this.stateStore.recordFailure(name, now);
	}

	/**
	 * Record that attempts to endpoints succeeded, all at once: they are failing no more.
	 * @param names the endpoint names
	 */
	void recordSuccess(Collection<String> names) {
		this.stateStore.recordSuccess(names);
	}

	/**
	 * Reserve the next request to a rate-limited endpoint, shared by every instance.
	 * @param name the endpoint name
	 * @param now the current time
	 * @param spacing the time between two requests
	 * @return {@code null} if the request may be sent now, else when the next one may
	 */
	@Nullable Instant reserveSend(String name, Instant now, Duration spacing) {
		return this.stateStore.reserveSend(name, now, spacing);
	}

}
