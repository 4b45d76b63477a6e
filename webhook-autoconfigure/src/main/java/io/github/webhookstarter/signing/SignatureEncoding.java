package io.github.webhookstarter.signing;

/**
 * How a signature is written in a header.
 *
 * @author Webhook Starter team
 * @see HmacSignatureScheme
 */
public enum SignatureEncoding {

	/**
	 * Hexadecimal, written in lower case and read in either case.
	 */
	HEX,

	/**
	 * Standard base64 with padding, as RFC 4648 defines it.
	 */
	BASE64

}
