package io.github.webhookstarter.observation;

import io.micrometer.common.KeyValues;

import io.github.webhookstarter.observation.WebhookInboundObservation.LowCardinalityKeyNames;

/**
 * Default {@link WebhookInboundObservationConvention}.
 *
 * @author Webhook Starter team
 */
public class DefaultWebhookInboundObservationConvention implements WebhookInboundObservationConvention {

	private static final String NAME = "webhook.inbound";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WebhookInboundObservationContext context) {
		return "webhook " + ((context.getSource() != null) ? context.getSource() : "unknown");
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WebhookInboundObservationContext context) {
		return KeyValues.of(
				LowCardinalityKeyNames.SOURCE.withValue((context.getSource() != null) ? context.getSource() : "unknown"),
				LowCardinalityKeyNames.EVENT_TYPE
					.withValue((context.getEventType() != null) ? context.getEventType() : "none"),
				LowCardinalityKeyNames.OUTCOME
					.withValue((context.getOutcome() != null) ? context.getOutcome() : "unknown"),
				LowCardinalityKeyNames.STATUS.withValue(statusClass(context.getStatus())));
	}

	private static String statusClass(int status) {
		return (status >= 100 && status < 600) ? (status / 100) + "xx" : "unknown";
	}

}
