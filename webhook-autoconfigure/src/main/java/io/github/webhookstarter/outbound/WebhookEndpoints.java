package io.github.webhookstarter.outbound;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The endpoints webhooks are delivered to, and whether each is enabled now: an endpoint is
 * disabled at runtime when it is gone or keeps failing.
 *
 * @author Webhook Starter team
 */
public final class WebhookEndpoints {

	private final Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();

	private final Set<String> disabled = ConcurrentHashMap.newKeySet();

	/**
	 * Create the registry of the given endpoints.
	 * @param endpoints the endpoints, with unique names
	 * @throws IllegalArgumentException if two endpoints share a name
	 */
	public WebhookEndpoints(Collection<WebhookEndpoint> endpoints) {
		for (WebhookEndpoint endpoint : endpoints) {
			if (this.endpoints.putIfAbsent(endpoint.name(), endpoint) != null) {
				throw new IllegalArgumentException("Two webhook endpoints are named '" + endpoint.name() + "'");
			}
			if (!endpoint.enabled()) {
				this.disabled.add(endpoint.name());
			}
		}
	}

	/**
	 * Return every endpoint, enabled or not.
	 * @return the endpoints
	 */
	public Collection<WebhookEndpoint> getEndpoints() {
		return this.endpoints.values();
	}

	/**
	 * Return an endpoint by name.
	 * @param name the endpoint name
	 * @return the endpoint, or {@code null} if there is none of that name
	 */
	public @Nullable WebhookEndpoint get(String name) {
		return this.endpoints.get(name);
	}

	/**
	 * Return the enabled endpoints subscribed to an event in a phase.
	 * @param phase the phase
	 * @param type the event type
	 * @return the subscribed endpoints
	 */
	public List<WebhookEndpoint> getSubscribers(EventPhase phase, String type) {
		return this.endpoints.values()
			.stream()
			.filter((endpoint) -> isEnabled(endpoint.name()) && endpoint.subscribes(phase, type))
			.toList();
	}

	/**
	 * Return the names of the endpoints that deliver in publish order.
	 * @return the ordered endpoints
	 */
	public Set<String> getOrderedEndpoints() {
		return this.endpoints.values()
			.stream()
			.filter(WebhookEndpoint::ordered)
			.map(WebhookEndpoint::name)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Return the names of the disabled endpoints.
	 * @return the disabled endpoints
	 */
	public Set<String> getDisabledEndpoints() {
		return Set.copyOf(this.disabled);
	}

	/**
	 * Return whether an endpoint is enabled.
	 * @param name the endpoint name
	 * @return whether webhooks are delivered to it
	 */
	public boolean isEnabled(String name) {
		return this.endpoints.containsKey(name) && !this.disabled.contains(name);
	}

	/**
	 * Disable an endpoint: its pending deliveries wait until it is enabled again.
	 * @param name the endpoint name
	 * @return whether it was enabled before
	 */
	public boolean disable(String name) {
		return this.endpoints.containsKey(name) && this.disabled.add(name);
	}

	/**
	 * Enable an endpoint.
	 * @param name the endpoint name
	 * @return whether it was disabled before
	 */
	public boolean enable(String name) {
		return this.disabled.remove(name);
	}

}
