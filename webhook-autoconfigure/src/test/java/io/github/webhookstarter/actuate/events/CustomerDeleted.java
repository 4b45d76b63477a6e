package io.github.webhookstarter.actuate.events;

import io.github.webhookstarter.WebhookEvent;

/**
 * A flat event.
 */
@WebhookEvent("customer.deleted")
public record CustomerDeleted(String customerId) {

}
