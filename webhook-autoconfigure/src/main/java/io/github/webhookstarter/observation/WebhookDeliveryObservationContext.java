package io.github.webhookstarter.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code webhook.delivery} observation of one attempt to deliver a webhook.
 *
 * @author Webhook Starter team
 */
public class WebhookDeliveryObservationContext extends Observation.Context {

	private final String endpoint;

	private final String eventType;

	private @Nullable String outcome;

	private @Nullable Integer statusCode;

	/**
	 * Create a context for an attempt.
	 * @param endpoint the name of the endpoint
	 * @param eventType the event type of the webhook
	 */
	public WebhookDeliveryObservationContext(String endpoint, String eventType) {
		this.endpoint = endpoint;
		this.eventType = eventType;
	}

	/**
	 * Return the name of the endpoint.
	 * @return the endpoint name
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Return the event type of the webhook.
	 * @return the event type
	 */
	public String getEventType() {
		return this.eventType;
	}

	/**
	 * Return the outcome of the attempt, such as {@code delivered}, {@code retry} or
	 * {@code exhausted}.
	 * @return the outcome, or {@code null} before the attempt ended
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

	/**
	 * Return the response status.
	 * @return the status code, or {@code null} if there was no response
	 */
	public @Nullable Integer getStatusCode() {
		return this.statusCode;
	}

	public void setStatusCode(@Nullable Integer statusCode) {
		this.statusCode = statusCode;
	}

}
