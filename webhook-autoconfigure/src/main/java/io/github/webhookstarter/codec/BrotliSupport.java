package io.github.webhookstarter.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.util.ClassUtils;

/**
 * Decoding of the {@code br} content coding with
 * <a href="https://github.com/hyperxpro/Brotli4j">Brotli4j</a>, when it is available.
 * <p>
 * Brotli4j is an optional dependency that needs a native library for the platform: whether
 * both are present is checked the first time {@link #isAvailable()} is called. When they are
 * not, a warning is logged once and webhooks sent with {@code Content-Encoding: br} are
 * answered {@code 415 Unsupported Media Type}. The sender checks it too before it
 * {@linkplain Compression#BR compresses} with Brotli4j.
 *
 * @author Webhook Starter team
 */
public final class BrotliSupport {

	private static final Log logger = LogFactory.getLog(BrotliSupport.class);

	private static final String LOADER_CLASS_NAME = "com.aayushatharva.brotli4j.Brotli4jLoader";

	private final @Nullable ClassLoader classLoader;

	private final Object monitor = new Object();

	private volatile @Nullable Boolean available;

	/**
	 * Create a new instance that looks for Brotli4j with the class loader of this class, the
	 * one that would link to it.
	 */
	public BrotliSupport() {
		this(BrotliSupport.class.getClassLoader());
	}

	/**
	 * Create a new instance that checks with the given class loader whether Brotli4j is
	 * present. Only meant for tests: decoding always links to Brotli4j through the class
	 * loader of this class.
	 * @param classLoader the class loader to look for Brotli4j with
	 */
	public BrotliSupport(@Nullable ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Return whether Brotli4j and its native library are available. The first call loads the
	 * native library and, if it is not available, logs a warning saying why.
	 * @return whether {@code br} bodies can be decoded
	 */
	public boolean isAvailable() {
		Boolean available = this.available;
		if (available == null) {
			synchronized (this.monitor) {
				available = this.available;
				if (available == null) {
					available = checkAvailability();
					this.available = available;
				}
			}
		}
		return available;
	}

	private boolean checkAvailability() {
		if (!ClassUtils.isPresent(LOADER_CLASS_NAME, this.classLoader)) {
			logUnavailable("com.aayushatharva.brotli4j:brotli4j is not on the class path; add "
					+ "com.aayushatharva.brotli4j:brotli4j and the native for your platform "
					+ "(e.g. com.aayushatharva.brotli4j:native-linux-x86_64)");
			return false;
		}
		Throwable cause;
		try {
			cause = Brotli4j.unavailabilityCause();
		}
		catch (LinkageError | RuntimeException ex) {
			// a broken installation, such as a brotli4j jar without its service dependency,
			// must not take the endpoint down: it only disables one content coding
			cause = ex;
		}
		if (cause != null) {
			logUnavailable("its native library could not be loaded (" + describe(cause) + ")");
			return false;
		}
		return true;
	}

	private static void logUnavailable(String reason) {
		logger.warn("Brotli decoding is not available: " + reason
				+ ". Webhooks sent with 'Content-Encoding: br' will be answered 415 Unsupported Media Type.");
	}

	private static String describe(Throwable cause) {
		// Brotli4j wraps the actual failure, such as a missing native for the platform, in a
		// generic UnsatisfiedLinkError
		String message = String.valueOf(cause.getMessage());
		Throwable root = NestedExceptionUtils.getMostSpecificCause(cause);
		return (root != cause) ? message + ": " + root : message;
	}

	/**
	 * Return a stream of the decoding of the given brotli-encoded bytes. The stream reads a
	 * corrupt or truncated encoding as an {@link IOException} and must be closed to release
	 * the native decoder.
	 * @param encoded the brotli-encoded bytes
	 * @return the decoded stream
	 * @throws IllegalStateException if Brotli4j is not {@linkplain #isAvailable() available}
	 * or its native decoder cannot be created
	 */
	public InputStream decode(byte[] encoded) {
		if (!isAvailable()) {
			throw new IllegalStateException("Brotli4j is not available");
		}
		try {
			return new Brotli4jDecodingStream(encoded);
		}
		catch (IOException ex) {
			// a failure of this server, not of the body: not to be answered as a bad request
			throw new IllegalStateException("Failed to create a native brotli decoder", ex);
		}
	}

	/**
	 * Calls to Brotli4j, in a class of their own so that they are only linked once Brotli4j
	 * is known to be on the class path.
	 */
	private static final class Brotli4j {

		static @Nullable Throwable unavailabilityCause() {
			return Brotli4jLoader.isAvailable() ? null : Brotli4jLoader.getUnavailabilityCause();
		}

	}

	/**
	 * Decodes with the JNI wrapper of Brotli4j directly rather than with its
	 * {@code BrotliInputStream}: that stream fails valid bodies with "unexpected end of input"
	 * when the decoder stops at a boundary of its ring buffer exactly as the input runs out,
	 * reporting that it needs more input while it still has output to produce (see
	 * google/brotli#880, which the wrapper of Brotli4j inherits). Decoding 4 MiB of zeros is
	 * enough to trigger it.
	 */
	private static final class Brotli4jDecodingStream extends InputStream {

		private static final int INPUT_CHUNK_SIZE = 8192;

		private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

		private final DecoderJNI.Wrapper decoder;

		private final byte[] encoded;

		private int position;

		/** The output last pulled from the decoder: a view of native memory. */
		private ByteBuffer output = EMPTY;

		private boolean closed;

		Brotli4jDecodingStream(byte[] encoded) throws IOException {
			this.decoder = new DecoderJNI.Wrapper(INPUT_CHUNK_SIZE);
			this.encoded = encoded;
		}

		@Override
		public int read() throws IOException {
			byte[] single = new byte[1];
			return (read(single, 0, 1) != -1) ? Byte.toUnsignedInt(single[0]) : -1;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			Objects.checkFromIndexSize(offset, length, buffer.length);
			if (this.closed) {
				throw new IOException("Stream closed");
			}
			if (length == 0) {
				return 0;
			}
			while (!this.output.hasRemaining()) {
				if (!pullOutput()) {
					return -1;
				}
			}
			int count = Math.min(length, this.output.remaining());
			this.output.get(buffer, offset, count);
			return count;
		}

		/**
		 * Step the decoder until it has output. The output it yields is bounded by its window,
		 * so a single step never decodes a whole bomb.
		 * @return {@code false} at the end of the stream
		 */
		private boolean pullOutput() throws IOException {
			boolean pushedNothing = false;
			while (true) {
				switch (this.decoder.getStatus()) {
					case DONE:
						if (this.decoder.hasOutput()) {
							this.output = this.decoder.pull();
							return true;
						}
						if (this.position < this.encoded.length) {
							throw new IOException("data after the end of the stream");
						}
						return false;
					case NEEDS_MORE_OUTPUT:
						this.output = this.decoder.pull();
						return true;
					case OK:
						this.decoder.push(0);
						break;
					case NEEDS_MORE_INPUT:
						if (this.decoder.hasOutput()) {
							this.output = this.decoder.pull();
							return true;
						}
						if (this.position < this.encoded.length) {
							pushInput();
						}
						else if (!pushedNothing) {
							// may be the ring buffer boundary case of google/brotli#880: an
							// empty push lets the decoder go on if it has more to produce
							this.decoder.push(0);
							pushedNothing = true;
						}
						else {
							throw new EOFException("unexpected end of input");
						}
						break;
					default:
						throw new IOException("corrupted input");
				}
			}
		}

		private void pushInput() {
			ByteBuffer input = this.decoder.getInputBuffer();
			input.clear();
			int count = Math.min(input.remaining(), this.encoded.length - this.position);
			input.put(this.encoded, this.position, count);
			this.position += count;
			this.decoder.push(count);
		}

		@Override
		public void close() {
			if (!this.closed) {
				this.closed = true;
				this.output = EMPTY;
				this.decoder.destroy();
			}
		}

	}

}
