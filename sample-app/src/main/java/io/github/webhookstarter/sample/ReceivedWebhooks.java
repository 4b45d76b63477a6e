package io.github.webhookstarter.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

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

	@WebhookEvent(value = "order.*", source = "orders")
	void onOrderEvent(WebhookRequest request, JsonNode body) {
		record(request.getEventType() + " " + body.path("data"));
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
