package io.github.webhookstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.http.HttpHeaders;

import io.github.webhookstarter.codec.BrotliSupport;
import io.github.webhookstarter.codec.Compression;

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
		// unlike the sender, never fall back to no compression: the test asked for br
		if (compression == Compression.BR && !brotli.isAvailable()) {
			throw new IllegalStateException("Cannot send a br-compressed webhook: Brotli4j is not "
					+ "available; add com.aayushatharva.brotli4j:brotli4j and the native for your platform");
		}
		String contentEncoding = compression.contentEncoding();
		if (contentEncoding != null) {
			headers.set(HttpHeaders.CONTENT_ENCODING, contentEncoding);
		}
		try {
			return compression.compress(body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
