package io.github.webhookstarter.outbound;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The outbound event types known to the application: the types annotated with
 * {@link io.github.webhookstarter.WebhookEvent @WebhookEvent} and the event types published
 * since startup, each with the class of its payload when it has one worth describing. The
 * {@link DefaultWebhookPublisher} records every type it publishes, the first time it sees it;
 * the actuator lists them, with the JSON Schema of their payloads.
 * <p>
 * Bounded: once it knows {@link #DEFAULT_MAX_TYPES} types (or the maximum it was created
 * with), it records no new ones, so that an application that makes up event types at runtime
 * cannot fill the memory with them.
 *
 * @author Webhook Starter team
 */
public final class WebhookEventTypes {

	/**
	 * The number of event types known at most, unless another is given.
	 */
	public static final int DEFAULT_MAX_TYPES = 1000;

	private static final Log logger = LogFactory.getLog(WebhookEventTypes.class);

	private final Map<String, EventType> types = new ConcurrentHashMap<>();

	private final int maxTypes;

	private volatile boolean full;

	/**
	 * Create a registry of at most {@link #DEFAULT_MAX_TYPES} event types.
	 */
	public WebhookEventTypes() {
		this(DEFAULT_MAX_TYPES);
	}

	/**
	 * Create a registry.
	 * @param maxTypes the number of event types known at most
	 */
	public WebhookEventTypes(int maxTypes) {
		Assert.isTrue(maxTypes > 0, "maxTypes must be positive");
		this.maxTypes = maxTypes;
	}

	/**
	 * Record an event type and the class of its payload. A payload class that says nothing of
	 * the payload's shape (a map, a collection, a JSON tree, a string, a number) is recorded
	 * as none; a type known without a payload class learns the first one it is recorded with.
	 * @param type the event type
	 * @param payloadClass the class of its payload, or {@code null}
	 */
	public void record(String type, @Nullable Class<?> payloadClass) {
		Class<?> describedClass = isDescribed(payloadClass) ? payloadClass : null;
		EventType known = this.types.get(type);
		if (known != null && (known.payloadClass() != null || describedClass == null)) {
			return;
		}
		if (known == null && this.types.size() >= this.maxTypes) {
			if (!this.full) {
				this.full = true;
				logger.warn("Webhook event types are known up to " + this.maxTypes + "; event type '" + type
						+ "' and later new ones are not listed");
			}
			return;
		}
		this.types.merge(type, new EventType(type, describedClass),
				(existing, recorded) -> (existing.payloadClass() != null) ? existing : recorded);
	}

	/**
	 * Return an event type.
	 * @param type the name of the event type
	 * @return the event type, or {@code null} if it is not known
	 */
	public @Nullable EventType get(String type) {
		return this.types.get(type);
	}

	/**
	 * Return every known event type, by name.
	 * @return the event types
	 */
	public List<EventType> getEventTypes() {
		Collection<EventType> types = this.types.values();
		return types.stream().sorted(Comparator.comparing(EventType::name)).toList();
	}

	private static boolean isDescribed(@Nullable Class<?> payloadClass) {
		return payloadClass != null && !payloadClass.isPrimitive() && !payloadClass.isArray()
				&& payloadClass != Object.class && !Map.class.isAssignableFrom(payloadClass)
				&& !Iterable.class.isAssignableFrom(payloadClass) && !CharSequence.class.isAssignableFrom(payloadClass)
				&& !Number.class.isAssignableFrom(payloadClass) && payloadClass != Boolean.class
				&& payloadClass != Character.class
				&& !payloadClass.getName().startsWith("tools.jackson.databind.");
	}

	/**
	 * An outbound event type.
	 *
	 * @param name the name of the event type, such as {@code order.created}
	 * @param payloadClass the class of its payload, or {@code null} if it is not known
	 */
	public record EventType(String name, @Nullable Class<?> payloadClass) {

	}

}
