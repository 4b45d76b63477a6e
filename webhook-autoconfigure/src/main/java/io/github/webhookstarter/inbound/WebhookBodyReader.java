package io.github.webhookstarter.inbound;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;

/**
 * Reads the body of a webhook call within {@link BodyLimits} and decodes its content coding:
 * {@code br}, {@code gzip} (or {@code x-gzip}), {@code deflate}, or none.
 * <p>
 * The body is read as sent up to {@link BodyLimits#maxBodySize()}, then decoded as a stream
 * that is abandoned as soon as its output goes over {@link BodyLimits#decodedSizeLimit(long)}:
 * a decompression bomb costs at most the limit in heap, never its full decoded size.
 * <p>
 * Every failure is a {@link WebhookRejectedException}: {@code 415} for a content coding that
 * is not supported, {@code 413} for a body over a limit, {@code 400} for a corrupt or
 * truncated encoding.
 *
 * @author Webhook Starter team
 */
public final class WebhookBodyReader {

	private static final int CHUNK_SIZE = 8192;

	private static final int MAX_ECHOED_LENGTH = 64;

	private final BodyLimits limits;

	private final BrotliSupport brotli;

	/**
	 * Create a reader.
	 * @param limits the size limits of bodies
	 * @param brotli whether and how {@code br} bodies are decoded
	 */
	public WebhookBodyReader(BodyLimits limits, BrotliSupport brotli) {
		Assert.notNull(limits, "BodyLimits must not be null");
		Assert.notNull(brotli, "BrotliSupport must not be null");
		this.limits = limits;
		this.brotli = brotli;
	}

	/**
	 * Read and decode a body.
	 * @param in the body as sent; read to its end, but not closed
	 * @param contentLength the {@code Content-Length} of the request, or {@code -1} if unknown
	 * (chunked)
	 * @param contentEncoding the {@code Content-Encoding} header of the request, if any
	 * @return the body as sent and decoded
	 * @throws WebhookRejectedException if the content coding is not supported, the body is
	 * over a limit, or its encoding is corrupt
	 * @throws IOException if reading the body fails
	 */
	public ReceivedBody read(InputStream in, long contentLength, @Nullable String contentEncoding) throws IOException {
		// a coding that cannot be decoded is refused whatever the size: the sender has to
		// change it in any case
		ContentCoding coding = contentCoding(contentEncoding);
		byte[] chunk = new byte[CHUNK_SIZE];
		byte[] raw = readRaw(in, contentLength, chunk);
		if (coding == ContentCoding.IDENTITY) {
			return new ReceivedBody(raw, raw);
		}
		return new ReceivedBody(raw, decode(raw, coding, chunk));
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
		String coding = codings.get(0);
		switch (coding) {
			case "identity":
				return ContentCoding.IDENTITY;
			case "gzip":
			case "x-gzip":
				return ContentCoding.GZIP;
			case "deflate":
				return ContentCoding.DEFLATE;
			case "br":
				if (!this.brotli.isAvailable()) {
					throw unsupportedMediaType("Content-Encoding 'br' is not supported: brotli is not available "
							+ "on this server; use " + supportedCodings());
				}
				return ContentCoding.BR;
			default:
				throw unsupportedMediaType("Content-Encoding '" + echo(coding) + "' is not supported; use "
						+ supportedCodings());
		}
	}

	private String supportedCodings() {
		return (this.brotli.isAvailable() ? "br, gzip" : "gzip") + ", deflate or identity";
	}

	private byte[] readRaw(InputStream in, long contentLength, byte[] chunk) throws IOException {
		long max = this.limits.maxBodySize();
		if (contentLength > max) {
			throw tooLarge("Content-Length " + contentLength + " exceeds the limit of " + max + " bytes");
		}
		// a declared length is only the sender's claim: sized by it, a request that declares the
		// limit and sends a few bytes would cost the limit in heap; grow with what arrives instead
		int initialCapacity = (int) Math.min((contentLength >= 0) ? contentLength : max, CHUNK_SIZE);
		BoundedBuffer raw = new BoundedBuffer(initialCapacity, max);
		int count;
		while ((count = in.read(chunk)) != -1) {
			if (!raw.write(chunk, 0, count)) {
				throw tooLarge("body exceeds the limit of " + max + " bytes");
			}
		}
		return raw.toByteArray();
	}

	private byte[] decode(byte[] raw, ContentCoding coding, byte[] chunk) {
		long limit = this.limits.decodedSizeLimit(raw.length);
		BoundedBuffer decoded = new BoundedBuffer((int) Math.min(limit, CHUNK_SIZE), limit);
		try {
			switch (coding) {
				case GZIP:
					// reads concatenated members too, as RFC 1952 allows
					try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(raw), CHUNK_SIZE)) {
						copy(gzip, decoded, chunk, raw.length, coding);
					}
					break;
				case DEFLATE:
					inflate(raw, decoded, chunk);
					break;
				case BR:
					try (InputStream brotli = this.brotli.decode(raw)) {
						copy(brotli, decoded, chunk, raw.length, coding);
					}
					break;
				default:
					throw new IllegalStateException("Unexpected content coding " + coding);
			}
		}
		catch (IOException ex) {
			// the source is in memory: any failure is the encoding's
			throw malformed(coding, ex);
		}
		return decoded.toByteArray();
	}

	/**
	 * Inflate {@code deflate}, which senders use both as RFC 9110 defines it, zlib-wrapped
	 * (RFC 1950), and as raw deflate (RFC 1951): tell them apart by the zlib header.
	 */
	private void inflate(byte[] raw, BoundedBuffer decoded, byte[] chunk) throws IOException {
		Inflater inflater = new Inflater(!isZlibWrapped(raw));
		try {
			ByteArrayInputStream source = new ByteArrayInputStream(raw);
			// closing it would not end an Inflater passed in: ended below
			InputStream deflate = new InflaterInputStream(source, inflater, CHUNK_SIZE);
			copy(deflate, decoded, chunk, raw.length, ContentCoding.DEFLATE);
			// InflaterInputStream reads a stream that needs a preset dictionary as empty
			if (inflater.needsDictionary()) {
				throw new IOException("preset dictionaries are not supported");
			}
			// a second stream would otherwise be dropped silently
			if (inflater.getRemaining() > 0 || source.available() > 0) {
				throw new IOException("data after the end of the stream");
			}
		}
		finally {
			inflater.end();
		}
	}

	/**
	 * Whether the body starts with a zlib header (RFC 1950 section 2.2): compression method 8,
	 * a window of at most 32 KiB, and a check value that makes the first two bytes a multiple
	 * of 31. Raw deflate only starts like that with a stored block whose padding bits, which
	 * decoders ignore, are set: encoders write them as zeros.
	 */
	private static boolean isZlibWrapped(byte[] raw) {
		if (raw.length < 2) {
			return false;
		}
		int cmf = Byte.toUnsignedInt(raw[0]);
		int flg = Byte.toUnsignedInt(raw[1]);
		return (cmf & 0x0F) == 8 && (cmf >>> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
	}

	/**
	 * Copy a decoding stream chunk by chunk, giving up as soon as the output goes over its
	 * limit: what has not been decoded yet is never decoded.
	 */
	private void copy(InputStream decoder, BoundedBuffer decoded, byte[] chunk, int rawSize, ContentCoding coding)
			throws IOException {
		int count;
		while ((count = decoder.read(chunk)) != -1) {
			if (!decoded.write(chunk, 0, count)) {
				String ratio = BigDecimal.valueOf(this.limits.maxInflateRatio()).stripTrailingZeros().toPlainString();
				throw tooLarge("decoded body exceeds the limit of " + decoded.limit + " bytes for a " + rawSize
						+ "-byte " + coding.displayName + " body (at most " + this.limits.maxDecodedSize()
						+ " bytes and " + ratio + " times the encoded size)");
			}
		}
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
				"body is not valid " + coding.displayName + ": " + echo(message));
	}

	private enum ContentCoding {

		IDENTITY("identity"), GZIP("gzip"), DEFLATE("deflate"), BR("brotli");

		private final String displayName;

		ContentCoding(String displayName) {
			this.displayName = displayName;
		}

	}

	/**
	 * A growing byte array that refuses to grow over a limit.
	 */
	private static final class BoundedBuffer {

		private final int limit;

		private byte[] bytes;

		private int count;

		BoundedBuffer(int initialCapacity, long limit) {
			// BodyLimits keeps every limit within the size of an array
			this.limit = Math.toIntExact(limit);
			this.bytes = new byte[Math.min(initialCapacity, this.limit)];
		}

		/**
		 * Append bytes, unless they would take the buffer over its limit.
		 * @return {@code false}, with nothing appended, if the limit would be exceeded
		 */
		boolean write(byte[] source, int offset, int length) {
			if (length > this.limit - this.count) {
				return false;
			}
			int required = this.count + length;
			if (required > this.bytes.length) {
				long doubled = Math.max(2L * this.bytes.length, CHUNK_SIZE);
				this.bytes = Arrays.copyOf(this.bytes, (int) Math.min(Math.max(doubled, required), this.limit));
			}
			System.arraycopy(source, offset, this.bytes, this.count, length);
			this.count = required;
			return true;
		}

		byte[] toByteArray() {
			return (this.count == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.count);
		}

	}

}
