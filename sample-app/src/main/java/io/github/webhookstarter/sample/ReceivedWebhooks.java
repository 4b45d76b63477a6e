package io.github.webhookstarter.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.inbound.WebhookRequest;

/**
 * Listens to the webhooks of the sample's sources: logs a line per event and keeps the last
 * ones, so that they can be looked at.
 *
 * @author Webhook Starter team
 */
@Component
public class ReceivedWebhooks {

	private static final Logger logger = LoggerFactory.getLogger(ReceivedWebhooks.class);

	private final List<String> received = new CopyOnWriteArrayList<>();

	@WebhookEvent(value = "push", source = "github")
	void onGitHubPush(GitHubPush push) {
		record("github push to " + push.ref() + " of " + push.repository().fullName());
	}

	@WebhookEvent(value = "*", source = "github")
	void onAnyGitHubEvent(WebhookRequest request) {
		record("github " + request.getEventType() + " (delivery " + request.getWebhookId() + ")");
	}

	// bound from the data of the Standard Webhooks envelope, the payload of a "standard" source
	@WebhookEvent(value = "order.created", source = "orders")
	void onOrderCreated(OrderCreated order) {
		record("order.created: " + order.quantity() + " x " + order.item() + " (order " + order.orderId() + ")");
	}

	private void record(String line) {
		logger.info("Received webhook: {}", line);
		this.received.add(line);
	}

	/**
	 * Return what was received, oldest first.
	 * @return one line per received event
	 */
	public List<String> received() {
		return List.copyOf(this.received);
	}

}
