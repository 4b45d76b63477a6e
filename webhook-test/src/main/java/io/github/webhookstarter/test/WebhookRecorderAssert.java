package io.github.webhookstarter.test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.assertj.core.api.AbstractAssert;

import org.springframework.util.Assert;

/**
 * AssertJ assertions on a {@link WebhookRecorder}. A webhook is received once the recorder
 * has accepted it, with a valid signature if it verifies them. As webhooks are delivered
 * asynchronously, {@link #received(String)} waits for one, by default for up to 10 seconds.
 * <p>
 * Obtain one with {@code Assertions.assertThat(recorder)}.
 *
 * @author Webhook Starter team
 */
public final class WebhookRecorderAssert extends AbstractAssert<WebhookRecorderAssert, WebhookRecorder> {

	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Create an assertion on a recorder.
	 * @param recorder the recorder
	 */
	public WebhookRecorderAssert(WebhookRecorder recorder) {
		super(recorder, WebhookRecorderAssert.class);
	}

	/**
	 * Set how long {@link #received(String)} waits for a webhook.
	 * @param timeout the time to wait, zero to look at what was received so far only
	 * @return this assertion
	 */
	public WebhookRecorderAssert within(Duration timeout) {
		Assert.isTrue(!timeout.isNegative(), "'timeout' must not be negative");
		this.timeout = timeout;
		return this;
	}

	/**
	 * Verify that the recorder receives a webhook of the given event type, waiting for it
	 * until the timeout, and return an assertion on the first that it received.
	 * @param eventType the event type
	 * @return an assertion on the received webhook
	 */
	public RecordedWebhookAssert received(String eventType) {
		isNotNull();
		RecordedWebhook webhook;
		try {
			webhook = this.actual.await((candidate) -> isAccepted(candidate, eventType), this.timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure("Interrupted while waiting for a '%s' webhook", eventType);
		}
		if (webhook == null) {
			throw failure("%nExpecting %s to receive a '%s' webhook within %s, but it received %s", this.actual,
					eventType, this.timeout, describe(this.actual.received()));
		}
		return new RecordedWebhookAssert(webhook);
	}

	/**
	 * Verify that the recorder has not received a webhook of the given event type so far.
	 * @param eventType the event type
	 * @return this assertion
	 */
	public WebhookRecorderAssert hasNotReceived(String eventType) {
		isNotNull();
		List<RecordedWebhook> matching = this.actual.received()
			.stream()
			.filter((webhook) -> isAccepted(webhook, eventType))
			.toList();
		if (!matching.isEmpty()) {
			throw failure("%nExpecting %s not to have received a '%s' webhook, but it received %s", this.actual,
					eventType, describe(matching));
		}
		return this;
	}

	private static boolean isAccepted(RecordedWebhook webhook, String eventType) {
		return webhook.isAccepted() && eventType.equals(webhook.eventType());
	}

	private static String describe(List<RecordedWebhook> received) {
		// what did arrive, and why it does not count, is what tells a wrong secret from no delivery
		return received.isEmpty() ? "nothing"
				: received.stream().map(RecordedWebhook::toString).collect(Collectors.joining(", ", "[", "]"));
	}

}
