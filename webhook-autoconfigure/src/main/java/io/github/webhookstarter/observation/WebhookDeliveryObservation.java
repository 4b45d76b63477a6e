package io.github.webhookstarter.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documentation of the {@code webhook.delivery} observation: one per attempt to deliver a
 * webhook to an endpoint.
 *
 * @author Webhook Starter team
 */
public enum WebhookDeliveryObservation implements ObservationDocumentation {

	/**
	 * An attempt to deliver a webhook.
	 */
	WEBHOOK_DELIVERY {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWebhookDeliveryObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys of the observation.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * Name of the endpoint.
		 */
		ENDPOINT {
			@Override
			public String asString() {
				return "endpoint";
			}
		},

		/**
		 * Event type of the webhook.
		 */
		EVENT_TYPE {
			@Override
			public String asString() {
				return "event.type";
			}
		},

		/**
		 * Outcome of the attempt: {@code delivered}, {@code retry}, {@code exhausted},
		 * {@code gone}, {@code cancelled} or {@code failed} (before phase).
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * Class of the response status, such as {@code 2xx}, or {@code none} without a
		 * response.
		 */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		}

	}

}
