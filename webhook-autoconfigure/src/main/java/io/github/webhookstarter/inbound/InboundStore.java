package io.github.webhookstarter.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores received webhook calls until their listeners have processed them, and remembers
 * processed webhook ids to acknowledge duplicates without dispatching them again.
 * <p>
 * A duplicate is a call whose source and webhook id equal those of a call already stored;
 * calls without a webhook id are never duplicates.
 * <p>
 * A store may be bounded: when it is full of calls that are not processed, it refuses new
 * ones with an {@link InboundStoreFullException}, and it may forget processed calls, with
 * their webhook ids, to make room.
 *
 * @author Webhook Starter team
 */
public interface InboundStore {

	/**
	 * Store a call that is to be dispatched, pending and due at once.
	 * @param call the call
	 * @return {@code false} if it is a duplicate, which is not stored
	 * @throws InboundStoreFullException if the store is bounded and full
	 */
	boolean savePending(InboundCall call);

	/**
	 * Store a call whose listeners already processed it synchronously.
	 * @param call the call
	 * @param processedAt when its listeners finished
	 * @return {@code false} if it is a duplicate, which is not stored
	 * @throws InboundStoreFullException if the store is bounded and full
	 */
	boolean saveProcessed(InboundCall call, Instant processedAt);

	/**
	 * Return whether a call with the given source and webhook id is stored, in any state.
	 * @param source the source name
	 * @param webhookId the sender's webhook id
	 * @return whether the call is a duplicate
	 */
	boolean contains(String source, String webhookId);

	/**
	 * Claim pending calls that are due, and calls whose lease has expired, counting an
	 * attempt for each: they become in flight, leased until {@code now + lease}.
	 * @param now the current time
	 * @param limit the maximum number of calls to claim
	 * @param lease how long the claim holds before another worker may claim the call again
	 * @return the claimed calls, oldest due first
	 */
	List<StoredInboundCall> claimDue(Instant now, int limit, Duration lease);

	/**
	 * Record that the listeners of a claimed call succeeded.
	 * @param callId the call id
	 * @param processedAt when they finished
	 */
	void markProcessed(String callId, Instant processedAt);

	/**
	 * Record that the listeners of a claimed call failed and are to be retried.
	 * @param callId the call id
	 * @param dueAt when to retry
	 * @param error what failed
	 */
	void markRetry(String callId, Instant dueAt, String error);

	/**
	 * Record that the listeners of a claimed call failed for the last time.
	 * @param callId the call id
	 * @param error what failed
	 */
	void markFailed(String callId, String error);

	/**
	 * Make a processed or failed call pending again, due at once, with its attempts reset.
	 * @param callId the call id
	 * @param now the current time
	 * @return {@code false} if no such call is stored, or it is pending or in flight
	 */
	boolean replay(String callId, Instant now);

	/**
	 * Find a stored call.
	 * @param callId the call id
	 * @return the call with its state, if it is stored
	 */
	Optional<StoredInboundCall> find(String callId);

	/**
	 * Delete processed calls received before a time. Their webhook ids are forgotten with
	 * them: a call repeating one is no longer a duplicate. Pending, in-flight and failed calls
	 * are kept.
	 * @param before the time before which the calls to delete were received
	 * @param limit the maximum number of calls to delete
	 * @return the number of calls deleted
	 */
	int purge(Instant before, int limit);

}
