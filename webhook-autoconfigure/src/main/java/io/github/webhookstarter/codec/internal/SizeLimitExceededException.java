package io.github.webhookstarter.codec.internal;

import java.io.IOException;

/**
 * Thrown when a bounded read or decoding would go over its limit: what has not been read or
 * decoded yet never is.
 *
 * @author Webhook Starter team
 */
public final class SizeLimitExceededException extends IOException {

	private static final long serialVersionUID = 1L;

	private final long limit;

	SizeLimitExceededException(long limit) {
		super("exceeds the limit of " + limit + " bytes");
		this.limit = limit;
	}

	/**
	 * Return the limit that was exceeded.
	 * @return the limit in bytes
	 */
	public long getLimit() {
		return this.limit;
	}

}
