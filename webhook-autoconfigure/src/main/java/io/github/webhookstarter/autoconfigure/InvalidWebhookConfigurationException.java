package io.github.webhookstarter.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a webhook source or endpoint is configured in a way that cannot work.
 *
 * @author Webhook Starter team
 */
public class InvalidWebhookConfigurationException extends RuntimeException {

	private final String action;

	/**
	 * Create an exception.
	 * @param subject what is misconfigured, such as {@code Webhook source 'github'}
	 * @param problem what is wrong; the message of the exception that said so, which may have none
	 * @param action what to set to fix it
	 */
	public InvalidWebhookConfigurationException(String subject, @Nullable String problem, String action) {
		super(subject + ": " + problem);
		this.action = action;
	}

	/**
	 * Return what to set to fix the configuration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
