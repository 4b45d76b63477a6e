package io.github.webhookstarter.subscription;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a user asks a subscription to be, when creating it or changing it: on a change, only
 * the fields that are not {@code null} change.
 *
 * @param url where webhooks are sent; required to create
 * @param events the event types or patterns ({@code *} matches any characters) it subscribes
 * to; required to create
 * @param description what it is for
 * @param headers headers added to every request
 * @param signature the name of the signature scheme of its webhooks
 * @param rateLimit the maximum number of requests per second, 0 for no limit
 * @param ordered whether webhooks are delivered one at a time, in publish order
 * @param active whether webhooks are delivered to it; webhooks published while it is not are
 * kept and delivered once it is active again
 * @author Webhook Starter team
 */
public record SubscriptionRequest(@Nullable URI url, @Nullable List<String> events, @Nullable String description,
		@Nullable Map<String, String> headers, @Nullable String signature, @Nullable Double rateLimit,
		@Nullable Boolean ordered, @Nullable Boolean active) {

	/**
	 * Create a request to subscribe a URL to events, with the defaults for the rest.
	 * @param url where webhooks are sent
	 * @param events the event types or patterns
	 * @return the request
	 */
	public static SubscriptionRequest of(URI url, String... events) {
		return new SubscriptionRequest(url, List.of(events), null, null, null, null, null, null);
	}

}
