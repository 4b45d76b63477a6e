package io.github.webhookstarter.subscription;

/**
 * Thrown when an owner already has as many subscriptions as it may.
 *
 * @author Webhook Starter team
 */
public class SubscriptionLimitExceededException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param limit how many subscriptions an owner may have
	 */
	public SubscriptionLimitExceededException(int limit) {
		super("An owner may have at most " + limit + " subscriptions: delete one first");
	}

}
