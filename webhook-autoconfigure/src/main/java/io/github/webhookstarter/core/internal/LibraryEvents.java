package io.github.webhookstarter.core.internal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the library's application events once what they report is stored, so that what
 * their listeners throw is logged and changes nothing about the webhook they report on.
 *
 * @author Webhook Starter team
 */
public final class LibraryEvents {

	private static final Log logger = LogFactory.getLog(LibraryEvents.class);

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a publisher of library events.
	 * @param publisher the application's event publisher
	 */
	public LibraryEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	/**
	 * Publish an event; an exception of one of its listeners is logged, not thrown.
	 * @param event the event
	 */
	public void publish(Object event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of " + event.getClass().getSimpleName() + " failed; the webhook it reports on "
					+ "is unaffected", ex);
		}
	}

}
