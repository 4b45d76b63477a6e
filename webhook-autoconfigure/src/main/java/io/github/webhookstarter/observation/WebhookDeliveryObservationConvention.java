package io.github.webhookstarter.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} of the {@code webhook.delivery} observation; a bean of this
 * type replaces {@link DefaultWebhookDeliveryObservationConvention}.
 *
 * @author Webhook Starter team
 */
public interface WebhookDeliveryObservationConvention extends ObservationConvention<WebhookDeliveryObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WebhookDeliveryObservationContext;
	}

}
