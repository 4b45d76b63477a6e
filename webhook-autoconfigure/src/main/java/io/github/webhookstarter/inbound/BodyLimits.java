package io.github.webhookstarter.inbound;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.springframework.util.Assert;

/**
 * Limits on the size of an inbound webhook body.
 * <p>
 * A content-encoded body may decode to at most {@link #decodedSizeLimit(long)} bytes: the
 * smaller of {@code maxDecodedSize} and {@code maxInflateRatio} times its encoded size. The
 * same limit applies to every content coding. A body sent without a content coding is only
 * subject to {@code maxBodySize}.
 * <p>
 * Not API: public for the auto-configuration and the test module ({@code webhook-spring-boot-test}),
 * which read requests as the endpoint does; applications do not use it.
 *
 * @param maxBodySize the most bytes accepted as sent, before any content decoding
 * @param maxDecodedSize the most bytes a content-encoded body may decode to
 * @param maxInflateRatio how many times its encoded size a body may decode to; at least 1
 *
 * @author Webhook Starter team
 */
public record BodyLimits(long maxBodySize, long maxDecodedSize, double maxInflateRatio) {

	/**
	 * The largest size either limit may have: bodies are buffered in byte arrays, and some
	 * JVMs reserve a few header words in an array.
	 */
	static final long MAX_BUFFERED_SIZE = Integer.MAX_VALUE - 8;

	public BodyLimits {
		Assert.isTrue(maxBodySize > 0 && maxBodySize <= MAX_BUFFERED_SIZE,
				() -> "maxBodySize must be between 1 and " + MAX_BUFFERED_SIZE + " bytes, got " + maxBodySize);
		Assert.isTrue(maxDecodedSize > 0 && maxDecodedSize <= MAX_BUFFERED_SIZE,
				() -> "maxDecodedSize must be between 1 and " + MAX_BUFFERED_SIZE + " bytes, got "
						+ maxDecodedSize);
		// below 1 the ratio would refuse about every body that compresses at all
		Assert.isTrue(Double.isFinite(maxInflateRatio) && maxInflateRatio >= 1,
				() -> "maxInflateRatio must be a finite number of at least 1, got " + maxInflateRatio);
	}

	/**
	 * Return how many bytes a body of the given encoded size may decode to:
	 * {@code min(maxDecodedSize, ceil(maxInflateRatio * encodedSize))}.
	 * @param encodedSize the size of the body as sent
	 * @return the largest acceptable decoded size
	 */
	long decodedSizeLimit(long encodedSize) {
		Assert.isTrue(encodedSize >= 0, "encodedSize must not be negative");
		// in decimal, so that a configured ratio such as 1.1 is applied as written rather than
		// as its nearest double, which would round 1.1 * 100 up to 111
		BigDecimal byRatio = BigDecimal.valueOf(this.maxInflateRatio)
			.multiply(BigDecimal.valueOf(encodedSize))
			.setScale(0, RoundingMode.CEILING);
		return byRatio.min(BigDecimal.valueOf(this.maxDecodedSize)).longValueExact();
	}

}
