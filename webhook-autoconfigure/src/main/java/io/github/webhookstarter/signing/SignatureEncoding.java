package io.github.webhookstarter.signing;

/**
 * How a signature's bytes are written in a header.
 *
 * @author Webhook Starter team
 */
public enum SignatureEncoding {

	/**
	 * Lower-case hexadecimal.
	 */
	HEX,

	/**
	 * Standard base64 with padding.
	 */
	BASE64

}
