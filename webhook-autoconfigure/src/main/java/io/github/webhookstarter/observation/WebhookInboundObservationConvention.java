package io.github.webhookstarter.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} of the {@code webhook.inbound} observation; a bean of this type
 * replaces {@link DefaultWebhookInboundObservationConvention}.
 *
 * @author Webhook Starter team
 */
public interface WebhookInboundObservationConvention extends ObservationConvention<WebhookInboundObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WebhookInboundObservationContext;
	}

}
