package io.github.webhookstarter.sample;

import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Creates orders, publishing an {@link OrderCreated} event for each.
 *
 * @author Webhook Starter team
 */
@RestController
class OrderController {

	private final ApplicationEventPublisher events;

	OrderController(ApplicationEventPublisher events) {
		this.events = events;
	}

	@PostMapping("/orders")
	@ResponseStatus(HttpStatus.CREATED)
	Order create(@RequestBody OrderRequest request) {
		Order order = new Order("o-" + UUID.randomUUID(), request.item(), request.quantity());
		this.events.publishEvent(new OrderCreated(order.id(), order.item(), order.quantity()));
		return order;
	}

	record OrderRequest(String item, int quantity) {
	}

	record Order(String id, String item, int quantity) {
	}

}
