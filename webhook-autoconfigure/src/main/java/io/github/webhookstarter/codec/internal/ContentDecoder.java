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

	/** The smallest gzip member: a 10-byte header, an empty deflate block, an 8-byte trailer. */
	private static final int GZIP_MIN_LENGTH = 20;

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
		buffer.readFrom(in);
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
		BoundedBuffer decoded = new BoundedBuffer((int) Math.min(limit, initialCapacity(encoded, coding)), limit);
		switch (coding) {
			case IDENTITY:
				decoded.write(encoded, 0, encoded.length);
				break;
			case GZIP:
				// reads concatenated members too, as RFC 1952 allows
				try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(encoded), CHUNK_SIZE)) {
					decoded.readFrom(gzip);
				}
				break;
			case DEFLATE:
				inflate(encoded, decoded);
				break;
			case BR:
				try (InputStream brotli = this.brotli.decode(encoded)) {
					decoded.readFrom(brotli);
				}
				break;
		}
		return decoded.toByteArray();
	}

	/**
	 * The size to start decoding into: for {@code gzip}, the size its trailer declares, which is
	 * exact for a single member, so that the output is neither grown nor copied; otherwise a
	 * chunk. The limit still applies whatever the trailer says.
	 */
	private static int initialCapacity(byte[] encoded, ContentCoding coding) {
		if (coding == ContentCoding.IDENTITY) {
			return encoded.length;
		}
		if (coding == ContentCoding.GZIP && encoded.length >= GZIP_MIN_LENGTH) {
			int end = encoded.length;
			// ISIZE (RFC 1952 section 2.3.1): the size modulo 2^32, little-endian
			long size = Byte.toUnsignedLong(encoded[end - 4]) | Byte.toUnsignedLong(encoded[end - 3]) << 8
					| Byte.toUnsignedLong(encoded[end - 2]) << 16 | Byte.toUnsignedLong(encoded[end - 1]) << 24;
			return (int) Math.min(Math.max(size, 1), Integer.MAX_VALUE - 8);
		}
		return CHUNK_SIZE;
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
			decoded.readFrom(deflate);
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
			ensureCapacity(this.count + length);
			System.arraycopy(source, offset, this.bytes, this.count, length);
			this.count += length;
		}

		/**
		 * Read a stream to its end straight into the buffer, giving up as soon as it has more
		 * than the limit: what has not been read yet is never read. A full buffer is only
		 * grown once a byte more has been read, so one sized exactly is never grown.
		 * @throws SizeLimitExceededException if the stream has more bytes than the limit
		 */
		void readFrom(InputStream in) throws IOException {
			while (true) {
				if (this.count == this.bytes.length) {
					int next = in.read();
					if (next == -1) {
						return;
					}
					if (this.count == this.limit) {
						throw new SizeLimitExceededException(this.limit);
					}
					ensureCapacity(this.count + 1);
					this.bytes[this.count++] = (byte) next;
				}
				int read = in.read(this.bytes, this.count, this.bytes.length - this.count);
				if (read == -1) {
					return;
				}
				this.count += read;
			}
		}

		private void ensureCapacity(int required) {
			if (required > this.bytes.length) {
				long doubled = Math.max(2L * this.bytes.length, CHUNK_SIZE);
				this.bytes = Arrays.copyOf(this.bytes, (int) Math.min(Math.max(doubled, required), this.limit));
			}
		}

		byte[] toByteArray() {
			return (this.count == this.bytes.length) ? this.bytes : Arrays.copyOf(this.bytes, this.count);
		}

	}

}
