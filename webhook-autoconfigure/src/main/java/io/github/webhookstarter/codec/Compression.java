package io.github.webhookstarter.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.encoder.Encoder;
import org.jspecify.annotations.Nullable;

/**
 * How webhook bodies sent to an endpoint are compressed.
 *
 * @author Webhook Starter team
 */
public enum Compression {

	/** Not compressed. */
	NONE(null),

	/** {@code Content-Encoding: gzip}. */
	GZIP("gzip"),

	/** {@code Content-Encoding: br}, which needs Brotli4j and its native library. */
	BR("br");

	private final @Nullable String contentEncoding;

	Compression(@Nullable String contentEncoding) {
		this.contentEncoding = contentEncoding;
	}

	/**
	 * Return the {@code Content-Encoding} of a body compressed this way.
	 * @return the content coding, or {@code null} for {@link #NONE}
	 */
	public @Nullable String contentEncoding() {
		return this.contentEncoding;
	}

	/**
	 * Compress a body. {@link #BR} needs Brotli4j and its native library: check that they can
	 * be used first.
	 * @param body the body
	 * @return the compressed body, or the body itself for {@link #NONE}
	 * @throws IOException if compressing fails
	 */
	public byte[] compress(byte[] body) throws IOException {
		return switch (this) {
			case NONE -> body;
			case GZIP -> gzip(body);
			case BR -> Brotli.compress(body);
		};
	}

	private static byte[] gzip(byte[] body) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write(body);
		}
		return compressed.toByteArray();
	}

	/**
	 * Touches Brotli4j, an optional dependency, only when a body is compressed with it.
	 */
	private static final class Brotli {

		static byte[] compress(byte[] body) throws IOException {
			return Encoder.compress(body);
		}

	}

}
