package io.github.webhookstarter.inbound;

/**
 * Which bytes of a received body its signature covers.
 *
 * @author Webhook Starter team
 */
public enum SignedBytes {

	/**
	 * The body after Content-Encoding decoding, as a framework that decompresses
	 * transparently would see it.
	 */
	DECODED,

	/**
	 * The body as received, before decoding.
	 */
	RAW,

	/**
	 * Either of them.
	 */
	EITHER

}
