package io.github.webhookstarter.actuate.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.webhookstarter.WebhookEvent;

/**
 * An event with nested types, an enum, a list and an instant.
 */
@WebhookEvent("order.created")
public record OrderCreated(@JsonProperty(value = "order_id", required = true) String orderId, Status status,
		List<Line> lines, Instant createdAt, Customer customer, Customer billedTo) {

	public enum Status {

		NEW, PAID

	}

	public record Line(String sku, int quantity, double price) {

	}

	public record Customer(String name, boolean vip) {

	}

}
