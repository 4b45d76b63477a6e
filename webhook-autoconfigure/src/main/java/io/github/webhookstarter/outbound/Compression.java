package io.github.webhookstarter.outbound;

/**
 * How webhook bodies sent to an endpoint are compressed.
 *
 * @author Webhook Starter team
 */
public enum Compression {

	/** Not compressed. */
	NONE,

	/** {@code Content-Encoding: gzip}. */
	GZIP,

	/** {@code Content-Encoding: br}, which needs Brotli4j and its native library. */
	BR

}
