package io.github.webhookstarter.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Stores received webhook calls until their listeners have processed them, and remembers
 * processed webhook ids to acknowledge duplicates without dispatching them again.
 * <p>
 * A duplicate is a call whose source and webhook id equal those of a call already stored;
 * calls without a webhook id are never duplicates.
 * <p>
 * The outcome of a dispatch is written only by the claim that made it: the call is in flight,
 * claimed by this store's instance, with the claim's attempt number. A late writer whose lease
 * expired, the call being claimed again since, changes nothing.
 * <p>
 * Each listener of a call that has succeeded is recorded with the call, so that a retry or a
 * replay of a failed call runs only the listeners that have not succeeded yet.
 * <p>
 * A store may be bounded: when it is full of calls that are not processed, it refuses new
 * ones with an {@link InboundStoreFullException}, and it may forget processed calls, with
 * their webhook ids, to make room.
 * <p>
 * A store keeps an {@link InboundCall}, what a {@link WebhookRequest} is made of, and returns
 * it as a {@link StoredInboundCall}, with the state of its dispatch around it. The
 * {@link org.springframework.security.core.Authentication} a source's authenticator returned
 * is not part of a call: listeners of a call dispatched from a store run without it, whatever
 * the store.
 *
 * @author Webhook Starter team
 */
public interface InboundStore {

	/**
	 * Longest webhook id every store keeps; the endpoint refuses longer ones.
	 */
	int MAX_WEBHOOK_ID_LENGTH = 255;

	/**
	 * Longest event type every store keeps; the endpoint refuses longer ones.
	 */
	int MAX_EVENT_TYPE_LENGTH = 200;

	/**
	 * Store a call that is to be dispatched, pending and due at once.
	 * @param call the call
	 * @return {@code false} if it is a duplicate, which is not stored
	 * @throws InboundStoreFullException if the store is bounded and full
	 */
	boolean savePending(InboundCall call);

	/**
	 * Store a call that the caller dispatches at once, synchronously: in flight, with one
	 * attempt counted, leased until {@code leaseEnd}. Should the caller die, the call is
	 * claimed again when its lease has expired. Storing the call before its listeners run
	 * makes a concurrent duplicate of it a duplicate rather than a second dispatch.
	 * @param call the call
	 * @param leaseEnd when the claim expires
	 * @return {@code false} if it is a duplicate, which is not stored
	 * @throws InboundStoreFullException if the store is bounded and full
	 */
	boolean saveClaimed(InboundCall call, Instant leaseEnd);

	/**
	 * Return the status of the call with the given source and webhook id.
	 * @param source the source name
	 * @param webhookId the sender's webhook id
	 * @return the status, or {@code null} if no such call is stored
	 */
	@Nullable InboundCallStatus findStatus(String source, String webhookId);

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
	 * Extend the lease of a claimed call whose listeners are still running, if the claim
	 * still holds.
	 * @param callId the call id
	 * @param attempt the attempt of the claim, as {@link StoredInboundCall#attempts()} gave it
	 * @param leaseEnd the new end of the lease
	 * @return whether the claim held and was extended
	 */
	boolean renewLease(String callId, int attempt, Instant leaseEnd);

	/**
	 * Record that the listeners of a claimed call succeeded.
	 * @param callId the call id
	 * @param attempt the attempt of the claim
	 * @param processedAt when they finished
	 * @return whether the claim held; if not, the call was claimed again and nothing changed
	 */
	boolean markProcessed(String callId, int attempt, Instant processedAt);

	/**
	 * Record that some listeners of a claimed call failed and are to be retried.
	 * @param callId the call id
	 * @param attempt the attempt of the claim
	 * @param dueAt when to retry
	 * @param error what failed
	 * @param completedListeners the ids of the listeners that have succeeded so far
	 * @return whether the claim held; if not, the call was claimed again and nothing changed
	 */
	boolean markRetry(String callId, int attempt, Instant dueAt, String error, Set<String> completedListeners);

	/**
	 * Record that some listeners of a claimed call failed for the last time.
	 * @param callId the call id
	 * @param attempt the attempt of the claim
	 * @param error what failed
	 * @param completedListeners the ids of the listeners that have succeeded
	 * @return whether the claim held; if not, the call was claimed again and nothing changed
	 */
	boolean markFailed(String callId, int attempt, String error, Set<String> completedListeners);

	/**
	 * Delete a claimed call, forgetting its webhook id: a synchronous dispatch that failed is
	 * processed again when its sender retries.
	 * @param callId the call id
	 * @param attempt the attempt of the claim
	 * @return whether the claim held and the call was deleted
	 */
	boolean delete(String callId, int attempt);

	/**
	 * Make a processed or failed call pending again, due at once, with its attempts reset. A
	 * failed call keeps its completed listeners, so that only the others run again; a
	 * processed call runs all its listeners again.
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
	 * Find calls, newest first: latest received first, then by id, descending. The calls are
	 * listed without their bodies, which may be large: their {@link InboundCall#body()} is
	 * empty, and {@link #find} reads a call whole.
	 * @param status the status of the calls to find, or {@code null} for any
	 * @param source the name of the source of the calls to find, or {@code null} for any
	 * @param limit the maximum number of calls to return
	 * @return the calls, without their bodies
	 */
	List<StoredInboundCall> findCalls(@Nullable InboundCallStatus status, @Nullable String source, int limit);

	/**
	 * Count the calls that are pending or in flight.
	 * @return the backlog
	 */
	long countUnfinished();

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
