package io.github.webhookstarter.signing;

/**
 * Outcome of verifying the signature of a received webhook.
 *
 * @author Webhook Starter team
 */
public enum SignatureVerification {

	/**
	 * A signature made with one of the secrets matches and its timestamp, if any, is within
	 * tolerance.
	 */
	VALID,

	/**
	 * The request carries no signature, or lacks a header that the scheme signs.
	 */
	MISSING,

	/**
	 * The request carries a signature, but none made with the secrets matches, or it is
	 * malformed.
	 */
	INVALID,

	/**
	 * The signed timestamp is older or further in the future than the tolerance allows. It is
	 * checked before the signature, so that a stale or replayed request costs no hashing: the
	 * signature of such a request is not checked.
	 */
	TIMESTAMP_OUT_OF_TOLERANCE

}
