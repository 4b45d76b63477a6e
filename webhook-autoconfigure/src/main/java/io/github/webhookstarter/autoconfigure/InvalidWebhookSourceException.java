package io.github.webhookstarter.autoconfigure;

/**
 * Thrown at startup when a webhook source is configured in a way that cannot work.
 *
 * @author Webhook Starter team
 */
public class InvalidWebhookSourceException extends RuntimeException {

	private final String sourceName;

	private final String action;

	/**
	 * Create an exception for a source.
	 * @param sourceName the name of the source
	 * @param problem what is wrong
	 * @param action what to set to fix it
	 */
	public InvalidWebhookSourceException(String sourceName, String problem, String action) {
		super("Webhook source '" + sourceName + "': " + problem);
		this.sourceName = sourceName;
		this.action = action;
	}

	/**
	 * Return the name of the source.
	 * @return the source name
	 */
	public String getSourceName() {
		return this.sourceName;
	}

	/**
	 * Return what to set to fix the configuration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
