package io.github.webhookstarter.sample;

import io.github.webhookstarter.WebhookEvent;

/**
 * Published when an order is created; the starter turns it into an {@code order.created}
 * webhook.
 *
 * @param orderId the id of the order
 * @param item what was ordered
 * @param quantity how many
 * @author Webhook Starter team
 */
@WebhookEvent("order.created")
public record OrderCreated(String orderId, String item, int quantity) {

}
