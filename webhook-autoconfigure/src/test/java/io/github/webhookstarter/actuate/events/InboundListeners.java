package io.github.webhookstarter.actuate.events;

import io.github.webhookstarter.WebhookEvent;

/**
 * Inbound listeners, not an outbound event type: never a bean here, only on the class path
 * that is scanned.
 */
class InboundListeners {

	@WebhookEvent("push")
	void onPush(String body) {
	}

}
