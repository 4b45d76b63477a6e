package io.github.webhookstarter.subscription;

import java.util.List;
import java.util.Optional;

/**
 * Stores dynamic subscriptions, shared by every instance that uses the same store.
 * <p>
 * Every change gives the store a new, greater version, which the changed subscription
 * carries, so that an instance keeps every subscription in memory and reads only what
 * changed since the version it last read ({@link #findChanges(long)}), not every
 * subscription for every event. Versions are assigned in the order changes commit: a reader
 * that read up to a version never misses a change with a smaller one.
 *
 * @author Webhook Starter team
 */
public interface SubscriptionStore {

	/**
	 * Store a new subscription.
	 * @param subscription the subscription; its version is ignored
	 * @return the subscription as stored, with its version
	 * @throws IllegalArgumentException if a subscription with its id exists
	 */
	Subscription create(Subscription subscription);

	/**
	 * Replace a subscription, unless it changed since it was read.
	 * @param subscription the subscription as it should be, with the version it was read at
	 * @return the subscription as stored, with its new version, or empty if it was deleted or
	 * changed since it was read at that version
	 */
	Optional<Subscription> update(Subscription subscription);

	/**
	 * Delete a subscription.
	 * @param id the id of the subscription
	 * @return whether it existed
	 */
	boolean delete(String id);

	/**
	 * Find a subscription.
	 * @param id the id of the subscription
	 * @return the subscription, or empty if there is none with that id
	 */
	Optional<Subscription> find(String id);

	/**
	 * Find a page of the subscriptions of an owner, oldest first (by creation time, then id).
	 * @param owner the owner
	 * @param offset how many to skip
	 * @param limit how many to return at most
	 * @return the subscriptions
	 */
	List<Subscription> findByOwner(String owner, int offset, int limit);

	/**
	 * Count the subscriptions of an owner.
	 * @param owner the owner
	 * @return how many it has
	 */
	long countByOwner(String owner);

	/**
	 * Find what changed since a version: subscriptions created or changed and subscriptions
	 * deleted. Since version 0, every subscription is changed.
	 * @param version the version a reader read up to, 0 for none
	 * @return the changes, and the version they bring the reader up to
	 */
	SubscriptionChanges findChanges(long version);

}
