package io.github.webhookstarter.test;

import java.util.function.Consumer;

import org.assertj.core.api.AbstractObjectAssert;
import tools.jackson.databind.JsonNode;

/**
 * AssertJ assertions on a webhook that a {@link WebhookRecorder} received.
 *
 * @author Webhook Starter team
 * @see WebhookRecorderAssert#received(String)
 */
public final class RecordedWebhookAssert extends AbstractObjectAssert<RecordedWebhookAssert, RecordedWebhook> {

	/**
	 * Create an assertion on a received webhook.
	 * @param webhook the webhook
	 */
	public RecordedWebhookAssert(RecordedWebhook webhook) {
		super(webhook, RecordedWebhookAssert.class);
	}

	/**
	 * Verify that the payload satisfies the given requirements.
	 * @param requirements the requirements, usually assertions, on the payload as a tree
	 * @return this assertion
	 * @see RecordedWebhook#payload()
	 */
	public RecordedWebhookAssert withPayloadSatisfying(Consumer<JsonNode> requirements) {
		isNotNull();
		requirements.accept(this.actual.payload());
		return this;
	}

	/**
	 * Verify that the payload, converted by Jackson, satisfies the given requirements.
	 * @param <T> the type to convert the payload to
	 * @param type the type to convert the payload to, such as the event record
	 * @param requirements the requirements, usually assertions, on the converted payload
	 * @return this assertion
	 * @see RecordedWebhook#payload(Class)
	 */
	public <T> RecordedWebhookAssert withPayloadSatisfying(Class<T> type, Consumer<T> requirements) {
		isNotNull();
		requirements.accept(this.actual.payload(type));
		return this;
	}

	/**
	 * Verify that the webhook has a header with the given value.
	 * @param name the header name
	 * @param value the expected value
	 * @return this assertion
	 */
	public RecordedWebhookAssert withHeader(String name, String value) {
		isNotNull();
		String actualValue = this.actual.headers().getFirst(name);
		if (!value.equals(actualValue)) {
			throw failureWithActualExpected(actualValue, value,
					"%nExpecting header '%s' of %s to be%n  %s%nbut was%n  %s", name, this.actual, value, actualValue);
		}
		return this;
	}

}
