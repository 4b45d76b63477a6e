package io.github.webhookstarter.subscription;

import java.util.List;
import java.util.Set;

/**
 * The subscriptions changed in a {@link SubscriptionStore} since a version.
 *
 * @param version the version of the store they bring a reader up to
 * @param changed the subscriptions created or changed since, as they are now
 * @param deleted the ids of the subscriptions deleted since
 * @author Webhook Starter team
 */
public record SubscriptionChanges(long version, List<Subscription> changed, Set<String> deleted) {

	/**
	 * Create the changes.
	 */
	public SubscriptionChanges {
		changed = List.copyOf(changed);
		deleted = Set.copyOf(deleted);
	}

}
