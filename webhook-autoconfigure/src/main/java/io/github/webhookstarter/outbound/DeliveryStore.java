package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Stores webhook messages, their deliveries to endpoints and every attempt. A message is stored
 * once, whatever the number of its deliveries.
 * <p>
 * Deliveries to an endpoint that is {@linkplain #claimDue ordered} are claimed one at a time,
 * oldest first: while the oldest unfinished delivery of such an endpoint is pending or in
 * flight, none of the later ones is claimed. Failed and cancelled deliveries never block.
 * <p>
 * A store may be bounded: when it is full of deliveries that are not delivered, it refuses
 * new messages with a {@link DeliveryStoreFullException}, and it may forget delivered ones to
 * make room.
 *
 * @author Webhook Starter team
 */
public interface DeliveryStore {

	/**
	 * Store a message and one pending delivery, due at once, per endpoint.
	 * @param message the message
	 * @param endpoints the names of the endpoints to deliver it to
	 * @return the deliveries created
	 * @throws DeliveryStoreFullException if the store is bounded and cannot take the deliveries;
	 * then nothing of the message is stored
	 */
	List<Delivery> save(WebhookMessage message, Collection<String> endpoints);

	/**
	 * Return whether {@link #save} joins the transaction of the calling thread, if there is one,
	 * so that a message and its deliveries commit or roll back with the application's own data
	 * (a transactional outbox). The publisher saves to a store that does not only after commit.
	 * @return whether saving joins the current transaction
	 */
	default boolean joinsCurrentTransaction() {
		return false;
	}

	/**
	 * Store a message and its deliveries as {@link #save} does, but never in the transaction
	 * of the calling thread: the publisher calls this while that transaction completes (from
	 * an after-commit or after-completion callback), when joining it would write into a
	 * transaction that has already ended. A store that does not
	 * {@linkplain #joinsCurrentTransaction() join transactions} needs nothing more than
	 * {@code save}.
	 * @param message the message
	 * @param endpoints the names of the endpoints to deliver it to
	 * @return the deliveries created
	 * @throws DeliveryStoreFullException if the store is bounded and cannot take the deliveries;
	 * then nothing of the message is stored
	 */
	default List<Delivery> saveInNewTransaction(WebhookMessage message, Collection<String> endpoints) {
		return save(message, endpoints);
	}

	/**
	 * Claim deliveries that are due, and in-flight deliveries whose lease has expired,
	 * oldest due first: they become in flight until {@code now + lease}, and an attempt is
	 * counted for each.
	 * <p>
	 * Only deliveries to the given claimable endpoints are claimed: an instance names the
	 * endpoints it knows and may send to now, so that deliveries to an endpoint it does not
	 * know, such as one that only newer instances have during a rolling deployment, stay
	 * pending for an instance that does.
	 * @param now the current time
	 * @param limit the maximum number of deliveries to claim
	 * @param lease how long the claim holds before another worker may claim them again
	 * @param orderedEndpoints the endpoints whose deliveries are claimed one at a time, in order
	 * @param claimableEndpoints the endpoints to claim deliveries for: those the caller knows,
	 * less those it must not send to now (disabled, saturated, rate-limited)
	 * @return the claimed deliveries with their messages
	 */
	List<ClaimedDelivery> claimDue(Instant now, int limit, Duration lease, Set<String> orderedEndpoints,
			Set<String> claimableEndpoints);

	/**
	 * Claim deliveries by key, as {@link #claimDue} claims due ones: those of the given
	 * deliveries that are pending and due, and not claimed by another worker meanwhile,
	 * become in flight until {@code now + lease}, and an attempt is counted for each. The
	 * dispatcher claims the deliveries it has just stored this way, knowing their messages,
	 * rather than looking for them among every due delivery. It passes none of an ordered
	 * endpoint, whose order this does not check.
	 * @param deliveryIds the ids of the deliveries
	 * @param now the current time
	 * @param lease how long the claim holds before another worker may claim them again
	 * @return the deliveries claimed, in flight
	 */
	List<Delivery> claim(Collection<String> deliveryIds, Instant now, Duration lease);

	/**
	 * Record attempts of claimed deliveries and their outcomes, each if the claim that made
	 * it still holds: the delivery is in flight, claimed by this store's instance, with the
	 * attempt's number. Otherwise its lease expired and it was claimed again, by this or
	 * another instance: its status is left alone and the attempt is kept
	 * {@linkplain DeliveryAttempt#withLeaseLost() noted as such}. The attempt of a delivery
	 * that is not stored is ignored.
	 * <p>
	 * The dispatcher records the attempts that finished while it recorded the previous ones
	 * together, so that a store can write them in a few round trips and one commit rather than
	 * in one of each per attempt; a batch holds at most one attempt per delivery.
	 * @param attempts the attempts with the status each leaves its delivery in
	 * @return the ids of the deliveries whose claim held and whose outcome was recorded
	 */
	Set<String> recordAttempts(List<AttemptRecord> attempts);

	/**
	 * Record one attempt of a claimed delivery and its outcome, as {@link #recordAttempts}
	 * does.
	 * @param attempt the attempt
	 * @param status the status of the delivery after it: {@link DeliveryStatus#DELIVERED},
	 * {@link DeliveryStatus#PENDING} to retry, or {@link DeliveryStatus#FAILED}
	 * @param nextAttemptAt when to retry, for {@link DeliveryStatus#PENDING}
	 * @return whether the claim held and the outcome was recorded
	 */
	default boolean recordAttempt(DeliveryAttempt attempt, DeliveryStatus status, @Nullable Instant nextAttemptAt) {
		return !recordAttempts(List.of(new AttemptRecord(attempt, status, nextAttemptAt))).isEmpty();
	}

	/**
	 * Make claimed deliveries pending again, due at once, without counting their attempt:
	 * they were claimed but not sent, such as on shutdown.
	 * @param deliveryIds the ids of the deliveries
	 */
	void release(Collection<String> deliveryIds);

	/**
	 * Make a failed or cancelled delivery pending again, due at once.
	 * @param deliveryId the id of the delivery
	 * @param now the current time
	 * @return {@code false} if no such delivery is stored, or it is not failed or cancelled
	 */
	boolean retry(String deliveryId, Instant now);

	/**
	 * Make every failed delivery to an endpoint that was created since a time pending again,
	 * due at once.
	 * @param endpoint the name of the endpoint
	 * @param since the earliest creation time of the deliveries to recover
	 * @param now the current time
	 * @return the number of deliveries recovered
	 */
	int recover(String endpoint, Instant since, Instant now);

	/**
	 * Find a delivery.
	 * @param deliveryId the id of the delivery
	 * @return the delivery, if it is stored
	 */
	Optional<Delivery> findDelivery(String deliveryId);

	/**
	 * Find the deliveries of a message.
	 * @param messageId the id of the message
	 * @return its deliveries
	 */
	List<Delivery> findDeliveries(String messageId);

	/**
	 * Find a message.
	 * @param messageId the id of the message
	 * @return the message, if it is stored
	 */
	Optional<WebhookMessage> findMessage(String messageId);

	/**
	 * Find the attempts of a delivery, in the order they were made.
	 * @param deliveryId the id of the delivery
	 * @return its attempts
	 */
	List<DeliveryAttempt> findAttempts(String deliveryId);

	/**
	 * Count the deliveries that are pending or in flight.
	 * @return the backlog
	 */
	long countUnfinished();

	/**
	 * Find deliveries, newest first: latest created first, then by id, descending.
	 * @param status the status of the deliveries to find, or {@code null} for any
	 * @param endpoint the name of the endpoint of the deliveries to find, or {@code null} for
	 * any
	 * @param limit the maximum number of deliveries to return
	 * @return the deliveries
	 */
	List<Delivery> findDeliveries(@Nullable DeliveryStatus status, @Nullable String endpoint, int limit);

	/**
	 * Find the latest attempts to an endpoint, whatever their deliveries: latest started first.
	 * @param endpoint the name of the endpoint
	 * @param limit the maximum number of attempts to return
	 * @return the attempts
	 */
	List<DeliveryAttempt> findRecentAttempts(String endpoint, int limit);

	/**
	 * Find when the oldest delivery that is pending or in flight was created: how long the
	 * backlog has been waiting.
	 * @return the creation time of the oldest unfinished delivery, if there is any
	 */
	Optional<Instant> findOldestUnfinishedCreationTime();

	/**
	 * Cancel every pending delivery to an endpoint, such as one that no longer exists. An
	 * in-flight delivery is left alone: the claim that is sending it records its outcome.
	 * @param endpoint the name of the endpoint
	 * @return the number of deliveries cancelled
	 */
	int cancel(String endpoint);

	/**
	 * Delete messages created before a time whose deliveries are all delivered or cancelled,
	 * with their deliveries and attempts. Messages with a failed delivery are kept, for it to
	 * be retried by hand, and so are those with deliveries still to make; a message without
	 * any delivery counts as finished.
	 * @param before the time before which the messages to delete were created
	 * @param limit the maximum number of messages to delete
	 * @return the number of messages deleted
	 */
	int purge(Instant before, int limit);

}
