package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Stores the runtime state of endpoints, shared by every instance of the application that
 * uses the same store and kept across restarts: whether an endpoint is disabled, since when
 * every attempt to it has failed, and when it may next be sent to under its rate limit.
 * <p>
 * Every change is atomic, so that instances racing on one endpoint agree: one of them
 * disables it, all of them see the same first failure, and together they send to it no
 * faster than its rate limit. An endpoint that the store knows nothing of is enabled, not
 * failing, and may be sent to at once.
 *
 * @author Webhook Starter team
 */
public interface EndpointStateStore {

	/**
	 * Disable an endpoint: its deliveries are kept, not sent, until it is enabled again.
	 * @param endpoint the name of the endpoint
	 * @param reason why it is disabled
	 * @param now the current time, recorded as when it was disabled
	 * @return {@code true} if it was enabled, for this caller alone among racing ones, so that
	 * the change is announced once; {@code false} if it was disabled already
	 */
	boolean disable(String endpoint, String reason, Instant now);

	/**
	 * Enable an endpoint, and forget since when it has been failing, so that it gets a whole
	 * period to fail before it is disabled again.
	 * @param endpoint the name of the endpoint
	 * @return {@code true} if it was disabled
	 */
	boolean enable(String endpoint);

	/**
	 * Find the endpoints that are disabled.
	 * @return their names
	 */
	Set<String> findDisabled();

	/**
	 * Find the state of an endpoint.
	 * @param endpoint the name of the endpoint
	 * @return its state, or {@code null} if none was ever stored
	 */
	@Nullable EndpointState find(String endpoint);

	/**
	 * Record that an attempt to an endpoint failed: it has been failing since now, unless it
	 * was failing already.
	 * @param endpoint the name of the endpoint
	 * @param now the current time
	 * @return since when the endpoint has been failing, the same for every caller until a
	 * {@linkplain #recordSuccess success} or until it is {@linkplain #enable enabled}
	 */
	Instant recordFailure(String endpoint, Instant now);

	/**
	 * Record that an attempt to an endpoint succeeded: it is no longer failing.
	 * @param endpoint the name of the endpoint
	 */
	void recordSuccess(String endpoint);

	/**
	 * Record that attempts to endpoints succeeded, as {@link #recordSuccess(String)} does for
	 * each: the dispatcher records those of a batch of attempts together, which a store may
	 * write in one statement.
	 * @param endpoints the names of the endpoints
	 */
	default void recordSuccess(Collection<String> endpoints) {
		for (String endpoint : endpoints) {
			recordSuccess(endpoint);
		}
	}

	/**
	 * Reserve the next send to a rate-limited endpoint: if it may be sent to now, the next
	 * send after this one waits {@code spacing}.
	 * @param endpoint the name of the endpoint
	 * @param now the current time
	 * @param spacing the time between two sends to the endpoint
	 * @return {@code null} if the caller may send now, otherwise when to ask again
	 */
	@Nullable Instant reserveSend(String endpoint, Instant now, Duration spacing);

}
