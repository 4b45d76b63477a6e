package io.github.webhookstarter.outbound;

/**
 * Thrown into the publisher of an event when a before-phase endpoint cancels it, by answering
 * {@code 2xx} with {@code Content-Type: application/vnd.webhook.cancel+json} and a
 * {@code reason}, or when a before-phase call fails and
 * {@code webhook.outbound.before-phase-failure} is {@code cancel}. Thrown inside a transaction,
 * it rolls the transaction back.
 *
 * @author Webhook Starter team
 */
public class WebhookEventCancelledException extends RuntimeException {

	private final String reason;

	private final String endpoint;

	private final String eventType;

	/**
	 * Create an exception.
	 * @param reason why the event was cancelled
	 * @param endpoint the name of the endpoint that cancelled it
	 * @param eventType the type of the cancelled event
	 */
	WebhookEventCancelledException(String reason, String endpoint, String eventType) {
		super("Event '" + eventType + "' cancelled by webhook endpoint '" + endpoint + "': " + reason);
		this.reason = reason;
		this.endpoint = endpoint;
		this.eventType = eventType;
	}

	/**
	 * Return why the event was cancelled.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return the name of the endpoint that cancelled the event.
	 * @return the endpoint name
	 */
	public String getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Return the type of the cancelled event.
	 * @return the event type
	 */
	public String getEventType() {
		return this.eventType;
	}

}
