package io.github.webhookstarter.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documentation of the {@code webhook.inbound} observation: one per received webhook call,
 * from its first byte to its answer.
 *
 * @author Webhook Starter team
 */
public enum WebhookInboundObservation implements ObservationDocumentation {

	/**
	 * A received webhook call.
	 */
	WEBHOOK_INBOUND {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWebhookInboundObservationConvention.class;
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
		 * Name of the source, {@code unknown} if the path matched none.
		 */
		SOURCE {
			@Override
			public String asString() {
				return "source";
			}
		},

		/**
		 * Event type, {@code none} if the call was rejected before it was read.
		 */
		EVENT_TYPE {
			@Override
			public String asString() {
				return "event.type";
			}
		},

		/**
		 * How the call was answered, such as {@code accepted}, {@code duplicate} or
		 * {@code rejected_signature}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * Class of the HTTP status of the answer, such as {@code 2xx}.
		 */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		}

	}

}
