package io.github.webhookstarter.codec.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.springframework.util.Assert;

import io.github.webhookstarter.codec.BrotliSupport;

/**
 * Bounded reading and decoding of bodies: the input is read, or decoded as a stream, chunk by
 * chunk, and abandoned as soon as its output would go over a limit, so that a decompression
 * bomb costs at most the limit in heap, never its full decoded size.
 *
 * @author Webhook Starter team
 */
public final class ContentDecoder {

	private static final int CHUNK_SIZE = 8192;

	private final BrotliSupport brotli;

	/**
	 * Create a decoder.
	 * @param brotli whether and how {@code br} bodies are decoded
	 */
	public ContentDecoder(BrotliSupport brotli) {
		Assert.notNull(brotli, "BrotliSupport must not be null");
		this.brotli = brotli;
	}

	/**
	 * Return whether this decoder can decode a coding: every coding but {@link ContentCoding#BR}
	 * when Brotli4j is not available.
	 * @param coding the coding
	 * @return whether it is supported
	 */
	public boolean isSupported(ContentCoding coding) {
		return coding != ContentCoding.BR || this.brotli.isAvailable();
	}

	/**
	 * Read a stream to its end, keeping at most a limit of bytes.
	 * @param in the stream; read to its end, but not closed
	 * @param initialCapacity the size of the buffer to start with; it grows with what arrives
	 * @param limit the most bytes accepted
	 * @return the bytes read
	 * @throws SizeLimitExceededException if the stream has more bytes than the limit
	 * @throws IOException if reading fails
	 */
	public static byte[] readBounded(InputStream in, int initialCapacity, long limit) throws IOException {
		BoundedBuffer buffer = new BoundedBuffer(initialCapacity, limit);
		copy(in, buffer);
		return buffer.toByteArray();
	}

	/**
	 * Decode a body.
	 * @param encoded the body as sent
	 * @param coding its content coding
	 * @param limit the most bytes it may decode to
	 * @return the decoded body
	 * @throws SizeLimitExceededException if it decodes to more than the limit
	 * @throws IOException if its encoding is corrupt or truncated
	 * @throws IllegalStateException if the coding is not {@linkplain #isSupported supported}
	 */
	public byte[] decode(byte[] encoded, ContentCoding coding, long limit) throws IOException {
		BoundedBuffer decoded = new BoundedBuffer((int) Math.min(limit, CHUNK_SIZE), limit);
		switch (coding) {
			case IDENTITY:
				decoded.write(encoded, 0, encoded.length);
				break;
			case GZIP:
				// reads concatenated members too, as RFC 1952 allows
				try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(encoded), CHUNK_SIZE)) {
					copy(gzip, decoded);
				}
				break;
			case DEFLATE:
				inflate(encoded, decoded);
				break;
			case BR:
				try (InputStream brotli = this.brotli.decode(encoded)) {
					copy(brotli, decoded);
				}
				break;
		}
		return decoded.toByteArray();
	}

	/**
	 * Inflate {@code deflate}, which senders use both as RFC 9110 defines it, zlib-wrapped
	 * (RFC 1950), and as raw deflate (RFC 1951): tell them apart by the zlib header.
	 */
	private static void inflate(byte[] raw, BoundedBuffer decoded) throws IOException {
		Inflater inflater = new Inflater(!isZlibWrapped(raw));
		try {
			ByteArrayInputStream source = new ByteArrayInputStream(raw);
			// closing it would not end an Inflater passed in: ended below
			InputStream deflate = new InflaterInputStream(source, inflater, CHUNK_SIZE);
			copy(deflate, decoded);
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
	 * Copy a stream chunk by chunk, giving up as soon as the output goes over its limit: what
	 * has not been read yet is never read.
	 */
	private static void copy(InputStream in, BoundedBuffer out) throws IOException {
		byte[] chunk = new byte[CHUNK_SIZE];
		int count;
		while ((count = in.read(chunk)) != -1) {
			out.write(chunk, 0, count);
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
			// the callers keep every limit within the size of an array
			this.limit = Math.toIntExact(limit);
			this.bytes = new byte[Math.min(initialCapacity, this.limit)];
		}

		/**
		 * Append bytes, unless they would take the buffer over its limit.
		 * @throws SizeLimitExceededException, with nothing appended, if the limit would be
		 * exceeded
		 */
		void write(byte[] source, int offset, int length) throws SizeLimitExceededException {
			if (length > this.limit - this.count) {
				throw new SizeLimitExceededException(this.limit);
			}
			int required = this.count + length;
			if (required > this.bytes.length) {
				long doubled = Math.max(2L * this.bytes.length, CHUNK_SIZE);
				this.bytes = Arrays.copyOf(this.bytes, (int) Math.min(Math.max(doubled, required), this.limit));
			}
			System.arraycopy(source, offset, this.bytes, this.count, length);
			this.count = required;
		}

		byte[] toByteArray() {
			return (this.count == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.count);
		}

	}

}
