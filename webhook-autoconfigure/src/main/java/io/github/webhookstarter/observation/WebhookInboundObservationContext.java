package io.github.webhookstarter.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code webhook.inbound} observation of a received webhook call; its values
 * are filled in as the call passes through the pipeline.
 *
 * @author Webhook Starter team
 */
public class WebhookInboundObservationContext extends Observation.Context {

	private @Nullable String source;

	private @Nullable String eventType;

	private @Nullable String outcome;

	private int status;

	/**
	 * Return the name of the source the call arrived at.
	 * @return the source name, or {@code null} if the path matched no source
	 */
	public @Nullable String getSource() {
		return this.source;
	}

	public void setSource(@Nullable String source) {
		this.source = source;
	}

	/**
	 * Return the event type of the call.
	 * @return the event type, or {@code null} if the call was rejected before it was read
	 */
	public @Nullable String getEventType() {
		return this.eventType;
	}

	public void setEventType(@Nullable String eventType) {
		this.eventType = eventType;
	}

	/**
	 * Return how the call was answered, such as {@code accepted} or {@code rejected_signature}.
	 * @return the outcome, or {@code null} before the call is answered
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

	/**
	 * Return the HTTP status the call was answered with.
	 * @return the status code, 0 before the call is answered
	 */
	public int getStatus() {
		return this.status;
	}

	public void setStatus(int status) {
		this.status = status;
	}

}
