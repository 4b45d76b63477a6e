package io.github.webhookstarter.codec.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.github.webhookstarter.codec.BrotliSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ContentDecoder}: gzip output is sized by the trailer, which the limit and the
 * actual content still overrule.
 */
class ContentDecoderTests {

	private final ContentDecoder decoder = new ContentDecoder(new BrotliSupport());

	@Test
	void gzipDecodesToTheSizeItsTrailerDeclares() throws IOException {
		byte[] body = body(100_000);
		assertThat(this.decoder.decode(gzip(body), ContentCoding.GZIP, 1_000_000)).isEqualTo(body);
	}

	@Test
	void gzipWhoseTrailerUnderstatesItsSizeIsDecodedWhole() throws IOException {
		byte[] body = body(100_000);
		byte[] encoded = withTrailerSize(gzip(body), 1);
		// the CRC still matches: only the size is wrong, which GZIPInputStream reads as corrupt
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.decoder.decode(encoded, ContentCoding.GZIP, 1_000_000));
	}

	@Test
	void gzipWhoseTrailerOverstatesItsSizeAllocatesNoMoreThanTheLimit() throws IOException {
		byte[] body = body(5_000);
		byte[] encoded = withTrailerSize(gzip(body), 0x7FFFFFFF);
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.decoder.decode(encoded, ContentCoding.GZIP, 10_000));
	}

	@Test
	void gzipOverTheLimitIsRefusedWhateverItsTrailerSays() throws IOException {
		byte[] encoded = withTrailerSize(gzip(body(20_000)), 100);
		assertThatExceptionOfType(SizeLimitExceededException.class)
			.isThrownBy(() -> this.decoder.decode(encoded, ContentCoding.GZIP, 10_000));
		assertThatExceptionOfType(SizeLimitExceededException.class)
			.isThrownBy(() -> this.decoder.decode(gzip(body(20_000)), ContentCoding.GZIP, 19_999));
	}

	@Test
	void gzipOfExactlyTheLimitIsAccepted() throws IOException {
		byte[] body = body(20_000);
		assertThat(this.decoder.decode(gzip(body), ContentCoding.GZIP, 20_000)).isEqualTo(body);
	}

	@Test
	void readBoundedReadsStraightIntoItsBuffer() throws IOException {
		byte[] body = body(50_000);
		assertThat(ContentDecoder.readBounded(new ByteArrayInputStream(body), 10, 50_000)).isEqualTo(body);
		assertThatExceptionOfType(SizeLimitExceededException.class)
			.isThrownBy(() -> ContentDecoder.readBounded(new ByteArrayInputStream(body), 50_000, 49_999));
	}

	private static byte[] body(int size) {
		byte[] body = new byte[size];
		for (int i = 0; i < size; i++) {
			body[i] = (byte) ('a' + (i * 31 + i / 7) % 26);
		}
		return body;
	}

	private static byte[] gzip(byte[] body) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(body);
		}
		return out.toByteArray();
	}

	private static byte[] withTrailerSize(byte[] gzip, int size) {
		byte[] changed = Arrays.copyOf(gzip, gzip.length);
		for (int i = 0; i < 4; i++) {
			changed[changed.length - 4 + i] = (byte) (size >>> (8 * i));
		}
		return changed;
	}

}
