package io.github.webhookstarter.core.internal;

import org.jspecify.annotations.Nullable;

import org.springframework.util.PatternMatchUtils;

/**
 * Event type names and their matching, the one implementation used by both sides: by inbound
 * listeners ({@code @WebhookEvent("order.*")}) and by the events an outbound endpoint
 * subscribes to.
 * <p>
 * A pattern is an event type in which {@code *} matches any characters, none included, so
 * {@code order.*} matches {@code order.created} and {@code order.}, and {@code *} matches
 * every event type. Matching is case-sensitive.
 *
 * @author Webhook Starter team
 */
public final class EventTypes {

	private EventTypes() {
	}

	/**
	 * Return whether an event type matches a pattern.
	 * @param pattern the event type or pattern, {@code *} matching any characters
	 * @param eventType the event type
	 * @return whether it matches; {@code false} if either is {@code null}
	 */
	public static boolean matches(@Nullable String pattern, @Nullable String eventType) {
		return PatternMatchUtils.simpleMatch(pattern, eventType);
	}

}
