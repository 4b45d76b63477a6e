package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Endpoints defined at runtime rather than in configuration, such as dynamic subscriptions,
 * which {@link WebhookEndpoints} delivers to besides the configured ones. They subscribe in
 * the {@linkplain EventPhase#AFTER after} phase only: an endpoint that users create must not
 * be able to hold up or veto the application's events.
 * <p>
 * Lookups happen for every published event and every delivery, so implementations answer
 * from memory.
 *
 * @author Webhook Starter team
 */
public interface DynamicEndpoints {

	/**
	 * Return an endpoint by name.
	 * @param name the endpoint name
	 * @return the endpoint, or {@code null} if there is none of that name
	 */
	@Nullable WebhookEndpoint get(String name);

	/**
	 * Return every endpoint.
	 * @return the endpoints
	 */
	Collection<WebhookEndpoint> getEndpoints();

	/**
	 * Return the endpoints subscribed to an event, in the after phase.
	 * @param type the event type
	 * @return the subscribed endpoints
	 */
	List<WebhookEndpoint> getSubscribers(String type);

	/**
	 * Return the names of the endpoints that deliver in publish order.
	 * @return the ordered endpoints
	 */
	Set<String> getOrderedEndpoints();

	/**
	 * Return the longest timeout any of these endpoints may have, known before any exists, so
	 * that a claim's lease outlives every attempt.
	 * @return the longest timeout
	 */
	Duration getLongestTimeout();

}
