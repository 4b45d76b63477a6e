package io.github.webhookstarter.outbound;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import io.github.webhookstarter.observation.DefaultWebhookDeliveryObservationConvention;
import io.github.webhookstarter.observation.WebhookDeliveryObservation;
import io.github.webhookstarter.observation.WebhookDeliveryObservationContext;
import io.github.webhookstarter.observation.WebhookDeliveryObservationConvention;

/**
 * Starts the {@code webhook.delivery} observation of a request to an endpoint, for the
 * publisher's before-phase calls and the dispatcher's deliveries alike.
 *
 * @author Webhook Starter team
 */
final class DeliveryObservations {

	private static final WebhookDeliveryObservationConvention DEFAULT_CONVENTION = new DefaultWebhookDeliveryObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable WebhookDeliveryObservationConvention convention;

	DeliveryObservations(ObservationRegistry registry, @Nullable WebhookDeliveryObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	Observation start(WebhookDeliveryObservationContext context) {
		return WebhookDeliveryObservation.WEBHOOK_DELIVERY
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
	}

}
