package io.github.webhookstarter.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.encoder.Encoder;

import org.springframework.http.HttpHeaders;

import io.github.webhookstarter.inbound.BrotliSupport;
import io.github.webhookstarter.outbound.Compression;

/**
 * Compresses request bodies as the starter's sender does, setting {@code Content-Encoding}.
 *
 * @author Webhook Starter team
 */
final class ContentCodings {

	/** Whether Brotli4j can be used, for both compressing and decoding in this module. */
	static final BrotliSupport brotli = new BrotliSupport();

	private ContentCodings() {
	}

	/**
	 * Compress a body.
	 * @param compression how to compress it
	 * @param body the body
	 * @param headers the headers of the request, which get its {@code Content-Encoding}
	 * @return the compressed body, or the body itself for {@link Compression#NONE}
	 * @throws IllegalStateException for {@link Compression#BR} if Brotli4j is not available
	 */
	static byte[] encode(Compression compression, byte[] body, HttpHeaders headers) {
		try {
			return switch (compression) {
				case NONE -> body;
				case GZIP -> {
					headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
					yield gzip(body);
				}
				case BR -> {
					// unlike the sender, never fall back to no compression: the test asked for br
					if (!brotli.isAvailable()) {
						throw new IllegalStateException("Cannot send a br-compressed webhook: Brotli4j is not "
								+ "available; add com.aayushatharva.brotli4j:brotli4j and the native for your platform");
					}
					headers.set(HttpHeaders.CONTENT_ENCODING, "br");
					yield Brotli.compress(body);
				}
			};
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] gzip(byte[] body) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write(body);
		}
		return compressed.toByteArray();
	}

	/**
	 * Touches Brotli4j, an optional dependency, only when it is available.
	 */
	private static final class Brotli {

		static byte[] compress(byte[] body) throws IOException {
			return Encoder.compress(body);
		}

	}

}
