package io.github.webhookstarter.outbound;

import java.util.Locale;

import org.springframework.util.Assert;

import io.github.webhookstarter.core.internal.EventTypes;

/**
 * An event an endpoint subscribes to: an event type or pattern ({@code *} matching any
 * characters, see {@link EventTypes}) and the phase in which the endpoint is called.
 *
 * @param phase when the endpoint is called
 * @param pattern the event type or pattern
 * @author Webhook Starter team
 */
public record EventSelector(EventPhase phase, String pattern) {

	/**
	 * Parse a selector: {@code before:TYPE}, {@code after:TYPE} or {@code TYPE} (after).
	 * @param selector the selector
	 * @return the parsed selector
	 */
	public static EventSelector parse(String selector) {
		Assert.hasText(selector, "Event selector must not be empty");
		String trimmed = selector.trim();
		int colon = trimmed.indexOf(':');
		if (colon > 0) {
			String phase = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
			if (phase.equals("before") || phase.equals("after")) {
				String pattern = trimmed.substring(colon + 1).trim();
				Assert.hasText(pattern, () -> "Event selector '" + selector + "' has no event type after its phase");
				return new EventSelector(EventPhase.valueOf(phase.toUpperCase(Locale.ROOT)), pattern);
			}
		}
		return new EventSelector(EventPhase.AFTER, trimmed);
	}

	/**
	 * Return whether this selector selects an event in a phase.
	 * @param phase the phase
	 * @param type the event type
	 * @return whether it matches
	 */
	public boolean matches(EventPhase phase, String type) {
		return this.phase == phase && EventTypes.matches(this.pattern, type);
	}

	@Override
	public String toString() {
		return this.phase.name().toLowerCase(Locale.ROOT) + ":" + this.pattern;
	}

}
