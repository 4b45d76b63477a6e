package io.github.webhookstarter.observation;

import io.micrometer.common.KeyValues;

import io.github.webhookstarter.observation.WebhookDeliveryObservation.LowCardinalityKeyNames;

/**
 * Default {@link WebhookDeliveryObservationConvention}.
 *
 * @author Webhook Starter team
 */
public class DefaultWebhookDeliveryObservationConvention implements WebhookDeliveryObservationConvention {

	private static final String NAME = "webhook.delivery";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WebhookDeliveryObservationContext context) {
		return "webhook delivery " + context.getEndpoint();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WebhookDeliveryObservationContext context) {
		Integer status = context.getStatusCode();
		return KeyValues.of(LowCardinalityKeyNames.ENDPOINT.withValue(context.getEndpoint()),
				LowCardinalityKeyNames.EVENT_TYPE.withValue(context.getEventType()),
				LowCardinalityKeyNames.OUTCOME.withValue((context.getOutcome() != null) ? context.getOutcome() : "unknown"),
				LowCardinalityKeyNames.STATUS.withValue((status != null) ? (status / 100) + "xx" : "none"));
	}

}
