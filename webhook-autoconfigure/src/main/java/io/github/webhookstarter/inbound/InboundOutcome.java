package io.github.webhookstarter.inbound;

import java.util.Locale;

/**
 * How the webhook endpoint answered a call; the {@code outcome} tag of the
 * {@code webhook.inbound} observation.
 *
 * @author Webhook Starter team
 */
public enum InboundOutcome {

	/** Stored for asynchronous dispatch and answered {@code 202 Accepted}. */
	ACCEPTED,

	/** Dispatched to its listeners synchronously and answered {@code 200 OK}. */
	PROCESSED,

	/**
	 * Passed every check, but no listener listens to it: stored and answered
	 * {@code 202 Accepted}, or answered {@code 200 OK} in synchronous mode.
	 */
	UNHANDLED,

	/**
	 * An id already received: acknowledged with {@code 200 OK}, not dispatched again; or
	 * answered {@code 409 Conflict} while the first call with that id is being processed
	 * synchronously.
	 */
	DUPLICATE,

	/** No enabled source answers at the path: {@code 404}. */
	UNKNOWN_SOURCE,

	/** Not a {@code POST}: {@code 405}. */
	METHOD_NOT_ALLOWED,

	/** Content type or content encoding not accepted: {@code 415}. */
	UNSUPPORTED_MEDIA_TYPE,

	/** Raw or decoded body over its limit: {@code 413}. */
	TOO_LARGE,

	/**
	 * Body not received in full: {@code 408} when it took longer than the body timeout or
	 * the server's read timeout, {@code 400} when the connection broke off.
	 */
	INCOMPLETE,

	/**
	 * Corrupt encoding, malformed or empty JSON, event type missing or too long, webhook id
	 * too long, or a payload that cannot be converted in synchronous mode: {@code 400}.
	 */
	MALFORMED,

	/** Signature missing or wrong: {@code 401}. */
	REJECTED_SIGNATURE,

	/** Signed timestamp too old or too far in the future: {@code 401}. */
	REJECTED_TIMESTAMP,

	/** The authenticator refused the call: {@code 403} or the status it chose. */
	REJECTED_AUTHENTICATION,

	/** The inbound store is unavailable, or full: {@code 503}. */
	STORE_UNAVAILABLE,

	/** An authenticator or a listener failed: {@code 500}. */
	ERROR;

	/**
	 * Return the value of this outcome as an observation tag.
	 * @return the lower-case tag value
	 */
	String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
