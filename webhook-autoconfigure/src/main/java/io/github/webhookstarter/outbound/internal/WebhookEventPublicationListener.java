package io.github.webhookstarter.outbound.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.outbound.WebhookPublisher;

/**
 * Turns published application events whose class is annotated with {@link WebhookEvent} into
 * webhooks. It runs before any other listener, so that a before-phase endpoint can cancel the
 * event before the application's own listeners see it.
 *
 * @author Webhook Starter team
 */
public final class WebhookEventPublicationListener implements ApplicationListener<ApplicationEvent>, Ordered {

	private final WebhookPublisher publisher;

	private final Map<Class<?>, Optional<String>> eventTypes = new ConcurrentHashMap<>();

	/**
	 * Create a listener that publishes through the given publisher.
	 * @param publisher the webhook publisher
	 */
	public WebhookEventPublicationListener(WebhookPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		Object payload = (event instanceof PayloadApplicationEvent<?> payloadEvent) ? payloadEvent.getPayload() : event;
		this.eventTypes.computeIfAbsent(payload.getClass(), WebhookEventPublicationListener::eventType)
			.ifPresent((type) -> this.publisher.publish(type, payload));
	}

	private static Optional<String> eventType(Class<?> type) {
		WebhookEvent annotation = AnnotatedElementUtils.findMergedAnnotation(type, WebhookEvent.class);
		return Optional.ofNullable(annotation).map(WebhookEvent::value);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
