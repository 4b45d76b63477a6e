package io.github.webhookstarter.inbound;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;

import io.github.webhookstarter.codec.BrotliSupport;
import io.github.webhookstarter.codec.internal.ContentCoding;
import io.github.webhookstarter.codec.internal.ContentDecoder;
import io.github.webhookstarter.codec.internal.SizeLimitExceededException;

/**
 * Reads the body of a webhook call within {@link BodyLimits} and decodes its content coding:
 * {@code br}, {@code gzip} (or {@code x-gzip}), {@code deflate}, or none.
 * <p>
 * The body is read as sent up to {@link BodyLimits#maxBodySize()}, then decoded as a stream
 * that is abandoned as soon as its output goes over {@link BodyLimits#decodedSizeLimit(long)}:
 * a decompression bomb costs at most the limit in heap, never its full decoded size. The
 * decoding itself is {@link ContentDecoder}'s; this reader applies the limits of the endpoint
 * and answers its failures.
 * <p>
 * The whole body must arrive within a timeout, however slowly it trickles in: a sender that
 * keeps a request thread by sending a byte now and then is cut off. A body that stalls is
 * bounded by the server's own read timeout.
 * <p>
 * Every failure is a {@link WebhookRejectedException}: {@code 415} for a content coding that
 * is not supported, {@code 413} for a body over a limit, {@code 408} for a body that did not
 * arrive in time, {@code 400} for a corrupt or truncated encoding or a body the sender broke
 * off.
 * <p>
 * Not API: public for the auto-configuration and the test module ({@code webhook-spring-boot-test}),
 * which read requests as the endpoint does; applications do not use it.
 *
 * @author Webhook Starter team
 */
public final class WebhookBodyReader {

	private static final int CHUNK_SIZE = 8192;

	private static final int MAX_ECHOED_LENGTH = 64;

	/**
	 * How long a body may take to arrive unless told otherwise.
	 */
	public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);

	private final BodyLimits limits;

	private final ContentDecoder decoder;

	private final Duration bodyTimeout;

	/**
	 * Create a reader whose bodies must arrive within {@link #DEFAULT_BODY_TIMEOUT}.
	 * @param limits the size limits of bodies
	 * @param brotli whether and how {@code br} bodies are decoded
	 */
	public WebhookBodyReader(BodyLimits limits, BrotliSupport brotli) {
		this(limits, brotli, DEFAULT_BODY_TIMEOUT);
	}

	/**
	 * Create a reader.
	 * @param limits the size limits of bodies
	 * @param brotli whether and how {@code br} bodies are decoded
	 * @param bodyTimeout how long a body may take to arrive, from the first read
	 */
	public WebhookBodyReader(BodyLimits limits, BrotliSupport brotli, Duration bodyTimeout) {
		Assert.notNull(limits, "BodyLimits must not be null");
		Assert.notNull(brotli, "BrotliSupport must not be null");
		Assert.notNull(bodyTimeout, "bodyTimeout must not be null");
		Assert.isTrue(!bodyTimeout.isNegative() && !bodyTimeout.isZero(), "bodyTimeout must be positive");
		this.limits = limits;
		this.decoder = new ContentDecoder(brotli);
		this.bodyTimeout = bodyTimeout;
	}

	/**
	 * Read and decode a body.
	 * @param in the body as sent; read to its end, but not closed
	 * @param contentLength the {@code Content-Length} of the request, or {@code -1} if unknown
	 * (chunked)
	 * @param contentEncoding the {@code Content-Encoding} header of the request, if any
	 * @return the body as sent and decoded
	 * @throws WebhookRejectedException if the content coding is not supported, the body is
	 * over a limit or did not arrive in full in time, or its encoding is corrupt
	 * @throws IOException not thrown: a body that cannot be read is the sender's failure
	 */
	public ReceivedBody read(InputStream in, long contentLength, @Nullable String contentEncoding) throws IOException {
		// a coding that cannot be decoded is refused whatever the size: the sender has to
		// change it in any case
		ContentCoding coding = contentCoding(contentEncoding);
		byte[] raw = readRaw(in, contentLength);
		if (coding == ContentCoding.IDENTITY) {
			return new ReceivedBody(raw, raw);
		}
		return new ReceivedBody(raw, decode(raw, coding));
	}

	private ContentCoding contentCoding(@Nullable String contentEncoding) {
		if (contentEncoding == null) {
			return ContentCoding.IDENTITY;
		}
		List<String> codings = new ArrayList<>(1);
		for (String coding : contentEncoding.split(",", -1)) {
			String trimmed = coding.trim();
			// RFC 9110 section 5.6.1: empty list elements are to be ignored
			if (!trimmed.isEmpty()) {
				codings.add(trimmed.toLowerCase(Locale.ROOT));
			}
		}
		if (codings.isEmpty()) {
			return ContentCoding.IDENTITY;
		}
		if (codings.size() > 1) {
			throw unsupportedMediaType("Content-Encoding '" + echo(contentEncoding)
					+ "' applies more than one coding, which is not supported; use a single one of "
					+ supportedCodings());
		}
		String token = codings.get(0);
		ContentCoding coding = ContentCoding.forToken(token);
		if (coding == null) {
			throw unsupportedMediaType("Content-Encoding '" + echo(token) + "' is not supported; use "
					+ supportedCodings());
		}
		if (!this.decoder.isSupported(coding)) {
			throw unsupportedMediaType("Content-Encoding 'br' is not supported: brotli is not available "
					+ "on this server; use " + supportedCodings());
		}
		return coding;
	}

	private String supportedCodings() {
		return (this.decoder.isSupported(ContentCoding.BR) ? "br, gzip" : "gzip") + ", deflate or identity";
	}

	private byte[] readRaw(InputStream in, long contentLength) throws IOException {
		long max = this.limits.maxBodySize();
		if (contentLength > max) {
			throw tooLarge("Content-Length " + contentLength + " exceeds the limit of " + max + " bytes");
		}
		// a declared length is only the sender's claim: sized by it, a request that declares the
		// limit and sends a few bytes would cost the limit in heap; grow with what arrives instead
		int initialCapacity = (int) Math.min((contentLength >= 0) ? contentLength : max, CHUNK_SIZE);
		try {
			return ContentDecoder.readBounded(new DeadlineInputStream(in, this.bodyTimeout), initialCapacity, max);
		}
		catch (SizeLimitExceededException ex) {
			throw tooLarge("body exceeds the limit of " + max + " bytes");
		}
		catch (IOException ex) {
			throw incomplete(ex);
		}
	}

	// the sender's failure, not the server's: a 5xx would have it retry the same way
	private WebhookRejectedException incomplete(IOException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedIOException) {
				// ours, or the server's read timeout (a SocketTimeoutException)
				return new WebhookRejectedException(HttpStatus.REQUEST_TIMEOUT, InboundOutcome.INCOMPLETE,
						"The body did not arrive within " + ((cause instanceof BodyTimeoutException)
								? this.bodyTimeout.toMillis() + " ms" : "the server's read timeout"));
			}
		}
		return new WebhookRejectedException(HttpStatus.BAD_REQUEST, InboundOutcome.INCOMPLETE,
				"The body could not be read in full: the connection broke off");
	}

	private byte[] decode(byte[] raw, ContentCoding coding) {
		long limit = this.limits.decodedSizeLimit(raw.length);
		try {
			return this.decoder.decode(raw, coding, limit);
		}
		catch (SizeLimitExceededException ex) {
			String ratio = BigDecimal.valueOf(this.limits.maxInflateRatio()).stripTrailingZeros().toPlainString();
			throw tooLarge("decoded body exceeds the limit of " + ex.getLimit() + " bytes for a " + raw.length
					+ "-byte " + coding.displayName() + " body (at most " + this.limits.maxDecodedSize()
					+ " bytes and " + ratio + " times the encoded size)");
		}
		catch (IOException ex) {
			// the source is in memory: any failure is the encoding's
			throw malformed(coding, ex);
		}
	}

	/**
	 * A body that must arrive by a deadline: checked before every read, so that a body
	 * trickling in is cut off at the first read after it.
	 */
	private static final class DeadlineInputStream extends FilterInputStream {

		private final long deadline;

		DeadlineInputStream(InputStream in, Duration timeout) {
			super(in);
			this.deadline = System.nanoTime() + timeout.toNanos();
		}

		@Override
		public int read() throws IOException {
			checkDeadline();
			return super.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkDeadline();
			return super.read(buffer, offset, length);
		}

		private void checkDeadline() throws BodyTimeoutException {
			if (System.nanoTime() - this.deadline > 0) {
				throw new BodyTimeoutException();
			}
		}

	}

	private static final class BodyTimeoutException extends InterruptedIOException {

		private static final long serialVersionUID = 1L;

	}

	private static String echo(String value) {
		// the header comes from the sender: keep the detail short and printable
		StringBuilder echoed = new StringBuilder(Math.min(value.length(), MAX_ECHOED_LENGTH));
		for (int i = 0; i < value.length() && echoed.length() < MAX_ECHOED_LENGTH; i++) {
			char ch = value.charAt(i);
			echoed.append((ch >= 0x20 && ch < 0x7F) ? ch : '?');
		}
		return (value.length() > MAX_ECHOED_LENGTH) ? echoed + "..." : echoed.toString();
	}

	private static WebhookRejectedException unsupportedMediaType(String detail) {
		return new WebhookRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, InboundOutcome.UNSUPPORTED_MEDIA_TYPE,
				detail);
	}

	private static WebhookRejectedException tooLarge(String detail) {
		return new WebhookRejectedException(HttpStatus.CONTENT_TOO_LARGE, InboundOutcome.TOO_LARGE, detail);
	}

	private static WebhookRejectedException malformed(ContentCoding coding, IOException ex) {
		String message = ex.getMessage();
		if (message == null || message.isBlank()) {
			// GZIPInputStream throws a bare EOFException for a body cut within its header
			message = (ex instanceof EOFException) ? "unexpected end of input" : "corrupt data";
		}
		return new WebhookRejectedException(HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
				"body is not valid " + coding.displayName() + ": " + echo(message));
	}

}
