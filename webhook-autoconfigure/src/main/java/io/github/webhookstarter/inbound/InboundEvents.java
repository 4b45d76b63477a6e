package io.github.webhookstarter.inbound;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the library's inbound application events, so that what their listeners throw is
 * logged and changes nothing about the call.
 *
 * @author Webhook Starter team
 */
final class InboundEvents {

	private static final Log logger = LogFactory.getLog(InboundEvents.class);

	private final ApplicationEventPublisher publisher;

	InboundEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	void publish(Object event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of " + event.getClass().getSimpleName() + " failed; the webhook call is unaffected",
					ex);
		}
	}

}
