package io.github.webhookstarter.subscription;

/**
 * Thrown when a subscription cannot be created or changed as asked, naming the field at fault.
 * Its message says what is wrong with the field and never quotes a secret.
 *
 * @author Webhook Starter team
 */
public class InvalidSubscriptionException extends RuntimeException {

	private final String field;

	/**
	 * Create an exception.
	 * @param field the field at fault, such as {@code url}
	 * @param message what is wrong with it
	 */
	public InvalidSubscriptionException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * Return the field at fault.
	 * @return the field name
	 */
	public String getField() {
		return this.field;
	}

}
