package io.github.webhookstarter.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.sun.management.ThreadMXBean;
import org.jspecify.annotations.Nullable;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;

import io.github.webhookstarter.codec.BrotliSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link WebhookBodyReader}.
 *
 * @author Webhook Starter team
 */
class WebhookBodyReaderTests {

	private static final int KiB = 1024;

	private static final int MiB = 1024 * KiB;

	private static final long GiB = 1024L * MiB;

	/** What a webhook heap must stay under while a 1 GiB bomb is refused. */
	private static final long BOMB_ALLOCATION_BUDGET = 32 * MiB;

	private static final byte[] PAYLOAD = payload();

	private static final BrotliSupport brotli = new BrotliSupport();

	private final WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(MiB, 4 * MiB, 100), brotli);

	@BeforeAll
	static void loadBrotli4j() {
		assertThat(brotli.isAvailable())
			.as("Brotli4j and the native for this platform must be on the test class path")
			.isTrue();
		// for Encoder, which does not load the native library itself
		Brotli4jLoader.ensureAvailability();
	}

	// identity

	@Test
	void readWhenNoContentEncodingReturnsBodyAsSent() throws IOException {
		ReceivedBody body = read(PAYLOAD, null);
		assertThat(body.raw()).isEqualTo(PAYLOAD);
		assertThat(body.decoded()).isSameAs(body.raw());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "identity", "IDENTITY", " Identity ", ",", "identity," })
	void readWhenContentEncodingIsIdentityReturnsBodyAsSent(String contentEncoding) throws IOException {
		ReceivedBody body = read(PAYLOAD, contentEncoding);
		assertThat(body.raw()).isEqualTo(PAYLOAD);
		assertThat(body.decoded()).isSameAs(body.raw());
	}

	// codings

	@ParameterizedTest
	@ValueSource(strings = { "gzip", "GZIP", " Gzip ", "x-gzip", "X-GZip" })
	void readWhenGzipDecodesBody(String contentEncoding) throws IOException {
		byte[] gzip = gzip(PAYLOAD);
		ReceivedBody body = read(gzip, contentEncoding);
		assertThat(body.raw()).isEqualTo(gzip);
		assertThat(body.decoded()).isEqualTo(PAYLOAD);
	}

	@Test
	void readWhenGzipHasConcatenatedMembersDecodesAll() throws IOException {
		byte[] first = "{\"part\":1}".getBytes(StandardCharsets.UTF_8);
		byte[] second = "{\"part\":2}".getBytes(StandardCharsets.UTF_8);
		ReceivedBody body = read(concat(gzip(first), gzip(second)), "gzip");
		assertThat(body.decoded()).isEqualTo(concat(first, second));
	}

	@ParameterizedTest
	@ValueSource(strings = { "deflate", "DEFLATE", " Deflate " })
	void readWhenZlibWrappedDeflateDecodesBody(String contentEncoding) throws IOException {
		byte[] zlib = zlib(PAYLOAD);
		ReceivedBody body = read(zlib, contentEncoding);
		assertThat(body.raw()).isEqualTo(zlib);
		assertThat(body.decoded()).isEqualTo(PAYLOAD);
	}

	@ParameterizedTest
	@ValueSource(ints = { Deflater.NO_COMPRESSION, Deflater.BEST_SPEED, Deflater.DEFAULT_COMPRESSION,
			Deflater.BEST_COMPRESSION })
	void readWhenRawDeflateDecodesBody(int level) throws IOException {
		byte[] deflate = rawDeflate(PAYLOAD, level);
		ReceivedBody body = read(deflate, "deflate");
		assertThat(body.raw()).isEqualTo(deflate);
		assertThat(body.decoded()).isEqualTo(PAYLOAD);
	}

	@ParameterizedTest
	@ValueSource(strings = { "br", "BR", " Br " })
	void readWhenBrotliDecodesBody(String contentEncoding) throws IOException {
		byte[] br = Encoder.compress(PAYLOAD);
		ReceivedBody body = read(br, contentEncoding);
		assertThat(body.raw()).isEqualTo(br);
		assertThat(body.decoded()).isEqualTo(PAYLOAD);
	}

	/**
	 * Brotli4j's own {@code BrotliInputStream} fails these valid bodies with "unexpected end
	 * of input" (google/brotli#880): the output ends on, or goes past, a boundary of the
	 * decoder's 4 MiB ring buffer just as the input runs out.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 4, 5, 8 })
	void readWhenBrotliOutputReachesRingBufferBoundaryDecodesBody(int mebibytes) throws IOException {
		WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(MiB, 8 * MiB, 10_000_000), brotli);
		byte[] zeros = new byte[mebibytes * MiB];
		ReceivedBody body = reader.read(new ByteArrayInputStream(Encoder.compress(zeros)), -1, "br");
		assertThat(body.decoded()).hasSize(zeros.length).isEqualTo(zeros);
	}

	@Test
	void readWhenEncodedBodyIsEmptyIsMalformed() {
		assertRejected(() -> read(new byte[0], "gzip"), HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
				"body is not valid gzip: unexpected end of input");
	}

	// unsupported codings

	@ParameterizedTest
	@ValueSource(strings = { "compress", "zstd", "x-compress", "gzip;q=1", "brotli" })
	void readWhenContentEncodingIsUnknownIsUnsupported(String contentEncoding) {
		assertRejected(() -> read(PAYLOAD, contentEncoding), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				InboundOutcome.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '" + contentEncoding
						+ "' is not supported; use br, gzip, deflate or identity");
	}

	@ParameterizedTest
	@ValueSource(strings = { "gzip, br", "gzip,gzip", "identity, gzip", "deflate ,, gzip" })
	void readWhenContentEncodingHasSeveralCodingsIsUnsupported(String contentEncoding) {
		assertRejected(() -> read(PAYLOAD, contentEncoding), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				InboundOutcome.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '" + contentEncoding
						+ "' applies more than one coding, which is not supported; use a single one of br, gzip, "
						+ "deflate or identity");
	}

	@Test
	void readWhenContentEncodingIsUnsupportedEchoesItShortAndPrintable() {
		String contentEncoding = "x-\u0007" + "a".repeat(100);
		WebhookRejectedException rejection = catchThrowableOfType(WebhookRejectedException.class,
				() -> read(PAYLOAD, contentEncoding));
		assertThat(rejection).hasMessageStartingWith("Content-Encoding 'x-?aaa")
			.hasMessageContaining("aaa...' is not supported")
			.hasMessageNotContaining("a".repeat(65));
	}

	@Test
	void readWhenBrotliIsUnavailableIsUnsupported() {
		WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(MiB, MiB, 100),
				new BrotliSupport(new ClassLoader(null) {
				}));
		assertRejected(() -> reader.read(new FailingInputStream(), 10, "br"), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				InboundOutcome.UNSUPPORTED_MEDIA_TYPE,
				"Content-Encoding 'br' is not supported: brotli is not available on this server; "
						+ "use gzip, deflate or identity");
		assertRejected(() -> reader.read(new FailingInputStream(), 10, "compress"), HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				InboundOutcome.UNSUPPORTED_MEDIA_TYPE,
				"Content-Encoding 'compress' is not supported; use gzip, deflate or identity");
	}

	@Test
	void readWhenContentEncodingIsUnsupportedRejectsItBeforeTheSize() {
		assertRejected(() -> this.reader.read(new FailingInputStream(), 10L * GiB, "compress"),
				HttpStatus.UNSUPPORTED_MEDIA_TYPE, InboundOutcome.UNSUPPORTED_MEDIA_TYPE,
				"Content-Encoding 'compress' is not supported; use br, gzip, deflate or identity");
	}

	// raw size

	@Test
	void readWhenContentLengthIsOverLimitIsTooLargeWithoutReading() {
		assertRejected(() -> this.reader.read(new FailingInputStream(), MiB + 1, "gzip"),
				HttpStatus.CONTENT_TOO_LARGE, InboundOutcome.TOO_LARGE,
				"Content-Length 1048577 exceeds the limit of 1048576 bytes");
	}

	@Test
	void readWhenChunkedBodyIsOverLimitIsTooLargeAndStopsReading() {
		EndlessInputStream in = new EndlessInputStream();
		assertRejected(() -> this.reader.read(in, -1, null), HttpStatus.CONTENT_TOO_LARGE, InboundOutcome.TOO_LARGE,
				"body exceeds the limit of 1048576 bytes");
		assertThat(in.served).isGreaterThan(MiB).isLessThanOrEqualTo(MiB + 8 * KiB);
	}

	@Test
	void readWhenBodyIsLongerThanItsContentLengthAndOverLimitIsTooLarge() {
		assertRejected(() -> this.reader.read(new EndlessInputStream(), 100, null), HttpStatus.CONTENT_TOO_LARGE,
				InboundOutcome.TOO_LARGE, "body exceeds the limit of 1048576 bytes");
	}

	@Test
	void readWhenBodyIsExactlyAtLimitReadsIt() throws IOException {
		byte[] content = new byte[MiB];
		Arrays.fill(content, (byte) 'x');
		assertThat(this.reader.read(new ByteArrayInputStream(content), MiB, null).raw()).isEqualTo(content);
		assertThat(this.reader.read(new ByteArrayInputStream(content), -1, null).raw()).isEqualTo(content);
		byte[] overByOne = Arrays.copyOf(content, MiB + 1);
		assertRejected(() -> this.reader.read(new ByteArrayInputStream(overByOne), -1, null),
				HttpStatus.CONTENT_TOO_LARGE, InboundOutcome.TOO_LARGE, "body exceeds the limit of 1048576 bytes");
	}

	@Test
	void readWhenContentLengthIsLargerThanTheBodyAllocatesForWhatArrivesOnly() throws IOException {
		WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(128 * MiB, MiB, 100), brotli);
		byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
		InputStream in = new ByteArrayInputStream(body);
		long before = threadAllocatedBytes();
		ReceivedBody received = reader.read(in, 64 * MiB, null);
		long allocated = threadAllocatedBytes() - before;
		assertThat(received.raw()).isEqualTo(body);
		// a buffer of the declared size would be 64 MiB
		assertThat(allocated).as("bytes allocated while reading").isLessThan(MiB);
	}

	@Test
	void readWhenChunkedReadsBodyArrivingInSmallPieces() throws IOException {
		InputStream trickle = new InputStream() {

			private final InputStream source = new ByteArrayInputStream(gzip(PAYLOAD));

			@Override
			public int read() throws IOException {
				return this.source.read();
			}

			@Override
			public int read(byte[] b, int off, int len) throws IOException {
				return this.source.read(b, off, Math.min(len, 7));
			}

		};
		assertThat(this.reader.read(trickle, -1, "gzip").decoded()).isEqualTo(PAYLOAD);
	}

	// decoded size

	@Test
	void readWhenDecodedSizeIsAtMaxDecodedSizeDecodesIt() throws IOException {
		WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(MiB, 64 * KiB, 1_000_000), brotli);
		byte[] content = text(64 * KiB);
		assertThat(reader.read(new ByteArrayInputStream(gzip(content)), -1, "gzip").decoded()).isEqualTo(content);
	}

	@Test
	void readWhenDecodedSizeIsOverMaxDecodedSizeIsTooLarge() {
		WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(MiB, 64 * KiB, 1_000_000), brotli);
		byte[] gzip = gzip(text(64 * KiB + 1));
		assertRejected(() -> reader.read(new ByteArrayInputStream(gzip), -1, "gzip"), HttpStatus.CONTENT_TOO_LARGE,
				InboundOutcome.TOO_LARGE, "decoded body exceeds the limit of 65536 bytes for a " + gzip.length
						+ "-byte gzip body (at most 65536 bytes and 1000000 times the encoded size)");
	}

	@Test
	void readWhenDecodedSizeIsAtInflateRatioDecodesIt() throws IOException {
		WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(MiB, MiB, 64), brotli);
		byte[] content = text(64 * KiB);
		// 64 times 1 KiB: exactly at the ratio
		byte[] gzip = gzipPaddedTo(content, KiB);
		ReceivedBody body = reader.read(new ByteArrayInputStream(gzip), gzip.length, "gzip");
		assertThat(body.raw()).hasSize(KiB);
		assertThat(body.decoded()).isEqualTo(content);
	}

	@Test
	void readWhenDecodedSizeIsOverInflateRatioIsTooLarge() {
		WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(MiB, MiB, 64), brotli);
		// well within maxDecodedSize, but 64 times 1023 bytes is 65472: 64 bytes short
		byte[] gzip = gzipPaddedTo(text(64 * KiB), KiB - 1);
		assertRejected(() -> reader.read(new ByteArrayInputStream(gzip), gzip.length, "gzip"),
				HttpStatus.CONTENT_TOO_LARGE, InboundOutcome.TOO_LARGE,
				"decoded body exceeds the limit of 65472 bytes for a 1023-byte gzip body "
						+ "(at most 1048576 bytes and 64 times the encoded size)");
	}

	@Test
	void readWhenBrotliDecodedSizeIsOverInflateRatioIsTooLarge() throws IOException {
		byte[] br = Encoder.compress(text(64 * KiB));
		assertThat((long) br.length * 100).isLessThan(64 * KiB);
		assertRejected(() -> read(br, "br"), HttpStatus.CONTENT_TOO_LARGE, InboundOutcome.TOO_LARGE,
				"decoded body exceeds the limit of " + br.length * 100 + " bytes for a " + br.length
						+ "-byte brotli body (at most 4194304 bytes and 100 times the encoded size)");
	}

	// bombs: 1 GiB of zeros each, refused with a few MiB of heap

	@Test
	void readWhenGzipBombIsTooLargeWithinBoundedMemory() {
		byte[] bomb = gzipBomb(GiB);
		assertThat(bomb.length).isLessThan(2 * MiB);
		assertBombDefused(bomb, "gzip");
	}

	@Test
	void readWhenZlibDeflateBombIsTooLargeWithinBoundedMemory() {
		byte[] bomb = zlibBomb(GiB);
		assertThat(bomb.length).isLessThan(2 * MiB);
		assertBombDefused(bomb, "deflate");
	}

	@Test
	void readWhenRawDeflateBombIsTooLargeWithinBoundedMemory() {
		byte[] bomb = deflatedZeros(GiB);
		assertThat(bomb.length).isLessThan(2 * MiB);
		assertBombDefused(bomb, "deflate");
	}

	@Test
	void readWhenBrotliBombIsTooLargeWithinBoundedMemory() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] zeros = new byte[MiB];
		try (OutputStream brotli = new BrotliOutputStream(out, new Encoder.Parameters().setQuality(5).setWindow(24))) {
			for (long written = 0; written < GiB; written += zeros.length) {
				brotli.write(zeros);
			}
		}
		byte[] bomb = out.toByteArray();
		assertThat(bomb.length).isLessThan(10 * KiB);
		assertBombDefused(bomb, "br");
	}

	/**
	 * The bombs are assembled from a deflated mebibyte rather than deflated whole, which takes
	 * seconds: check with the JDK that the assembly decodes to what it should.
	 */
	@Test
	void bombsDecodeToZeros() throws IOException {
		long size = 8 * MiB;
		assertThat(countZeros(new GZIPInputStream(new ByteArrayInputStream(gzipBomb(size))))).isEqualTo(size);
		assertThat(countZeros(new InflaterInputStream(new ByteArrayInputStream(zlibBomb(size))))).isEqualTo(size);
		Inflater raw = new Inflater(true);
		assertThat(countZeros(new InflaterInputStream(new ByteArrayInputStream(deflatedZeros(size)), raw)))
			.isEqualTo(size);
		raw.end();
	}

	private void assertBombDefused(byte[] bomb, String contentEncoding) {
		WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(2 * MiB, 4 * MiB, 1_000_000), brotli);
		InputStream in = new ByteArrayInputStream(bomb);
		long before = threadAllocatedBytes();
		WebhookRejectedException rejection = catchThrowableOfType(WebhookRejectedException.class,
				() -> reader.read(in, bomb.length, contentEncoding));
		long allocated = threadAllocatedBytes() - before;
		assertThat(rejection).isNotNull().hasMessageStartingWith("decoded body exceeds the limit of 4194304 bytes");
		assertThat(rejection.getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(rejection.getOutcome()).isEqualTo(InboundOutcome.TOO_LARGE);
		assertThat(allocated).as("bytes allocated while reading").isLessThan(BOMB_ALLOCATION_BUDGET);
	}

	/**
	 * Return how many bytes the current thread has allocated so far: the difference over a call
	 * is what the call allocated, whatever the garbage collector did meanwhile.
	 */
	private static long threadAllocatedBytes() {
		ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
		threads.setThreadAllocatedMemoryEnabled(true);
		return threads.getCurrentThreadAllocatedBytes();
	}

	// malformed

	@Test
	void readWhenBodyIsNotGzipIsMalformed() {
		assertRejected(() -> read("{\"not\":\"gzip\"}".getBytes(StandardCharsets.UTF_8), "gzip"),
				HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED, "body is not valid gzip: Not in GZIP format");
	}

	@Test
	void readWhenGzipIsTruncatedIsMalformed() {
		byte[] gzip = gzip(PAYLOAD);
		assertRejected(() -> read(Arrays.copyOf(gzip, gzip.length / 2), "gzip"), HttpStatus.BAD_REQUEST,
				InboundOutcome.MALFORMED, "body is not valid gzip: Unexpected end of ZLIB input stream");
	}

	@Test
	void readWhenGzipChecksumIsWrongIsMalformed() {
		byte[] gzip = gzip(PAYLOAD);
		gzip[gzip.length - 8] ^= 1;
		assertRejected(() -> read(gzip, "gzip"), HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
				"body is not valid gzip: Corrupt GZIP trailer");
	}

	@Test
	void readWhenDeflateIsGarbageIsMalformed() {
		WebhookRejectedException rejection = catchThrowableOfType(WebhookRejectedException.class,
				() -> read("this is not deflate, just text".getBytes(StandardCharsets.UTF_8), "deflate"));
		assertThat(rejection).isNotNull().hasMessageStartingWith("body is not valid deflate: ");
		assertThat(rejection.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(rejection.getOutcome()).isEqualTo(InboundOutcome.MALFORMED);
	}

	@Test
	void readWhenZlibChecksumIsWrongIsMalformed() {
		byte[] zlib = zlib(PAYLOAD);
		zlib[zlib.length - 1] ^= 1;
		assertRejected(() -> read(zlib, "deflate"), HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
				"body is not valid deflate: incorrect data check");
	}

	@Test
	void readWhenDeflateIsTruncatedIsMalformed() {
		byte[] deflate = rawDeflate(PAYLOAD, Deflater.DEFAULT_COMPRESSION);
		assertRejected(() -> read(Arrays.copyOf(deflate, deflate.length / 2), "deflate"), HttpStatus.BAD_REQUEST,
				InboundOutcome.MALFORMED, "body is not valid deflate: Unexpected end of ZLIB input stream");
	}

	@Test
	void readWhenDeflateHasDataAfterTheStreamIsMalformed() {
		byte[] twoStreams = concat(zlib(PAYLOAD), zlib(PAYLOAD));
		assertRejected(() -> read(twoStreams, "deflate"), HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
				"body is not valid deflate: data after the end of the stream");
	}

	@Test
	void readWhenZlibNeedsPresetDictionaryIsMalformed() {
		Deflater deflater = new Deflater();
		deflater.setDictionary("invoice".getBytes(StandardCharsets.UTF_8));
		byte[] zlib = deflate(PAYLOAD, deflater);
		assertRejected(() -> read(zlib, "deflate"), HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
				"body is not valid deflate: preset dictionaries are not supported");
	}

	@Test
	void readWhenBrotliIsTruncatedIsMalformed() throws IOException {
		byte[] br = Encoder.compress(PAYLOAD);
		assertRejected(() -> read(Arrays.copyOf(br, br.length / 2), "br"), HttpStatus.BAD_REQUEST,
				InboundOutcome.MALFORMED, "body is not valid brotli: unexpected end of input");
	}

	@Test
	void readWhenBrotliIsGarbageIsMalformed() {
		byte[] garbage = new byte[256];
		Arrays.fill(garbage, (byte) 0xFF);
		assertRejected(() -> read(garbage, "br"), HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
				"body is not valid brotli: corrupted input");
	}

	// bodies that do not arrive

	@Test
	void readWhenBodyTricklesPastTheTimeoutIsRequestTimeout() {
		WebhookBodyReader reader = new WebhookBodyReader(new BodyLimits(MiB, MiB, 100), brotli, Duration.ofMillis(200));
		// 300 bytes over 6 s: read in full, were it not for the timeout
		InputStream trickle = new InputStream() {

			private int sent;

			@Override
			public int read() {
				if (this.sent++ == 300) {
					return -1;
				}
				sleep(20);
				return ' ';
			}

			@Override
			public int read(byte[] b, int off, int len) {
				// as a socket's stream: what has arrived, at least one byte
				int next = read();
				if (next == -1) {
					return -1;
				}
				b[off] = (byte) next;
				return 1;
			}

		};
		long start = System.nanoTime();
		assertRejected(() -> reader.read(trickle, MiB, null), HttpStatus.REQUEST_TIMEOUT, InboundOutcome.INCOMPLETE,
				"The body did not arrive within 200 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
	}

	@Test
	void readWhenTheServersReadTimesOutIsRequestTimeout() {
		// Tomcat wraps its SocketTimeoutException
		InputStream stalled = new InputStream() {

			@Override
			public int read() throws IOException {
				throw new IOException("client abort", new SocketTimeoutException("Read timed out"));
			}

		};
		assertRejected(() -> this.reader.read(stalled, 10, null), HttpStatus.REQUEST_TIMEOUT,
				InboundOutcome.INCOMPLETE, "The body did not arrive within the server's read timeout");
	}

	@Test
	void readWhenTheConnectionBreaksOffIsBadRequest() {
		InputStream broken = new InputStream() {

			@Override
			public int read() throws IOException {
				throw new EOFException("Unexpected EOF read on the socket");
			}

		};
		assertRejected(() -> this.reader.read(broken, 10, "gzip"), HttpStatus.BAD_REQUEST, InboundOutcome.INCOMPLETE,
				"The body could not be read in full: the connection broke off");
	}

	// helpers

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ReceivedBody read(byte[] body, @Nullable String contentEncoding) throws IOException {
		return this.reader.read(new ByteArrayInputStream(body), body.length, contentEncoding);
	}

	private static void assertRejected(ThrowingCallable call, HttpStatus status, InboundOutcome outcome,
			String detail) {
		assertThatExceptionOfType(WebhookRejectedException.class).isThrownBy(call)
			.withMessage(detail)
			.satisfies((rejection) -> {
				assertThat(rejection.getStatus()).isEqualTo(status);
				assertThat(rejection.getOutcome()).isEqualTo(outcome);
			});
	}

	private static byte[] payload() {
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < 200; i++) {
			json.append(i > 0 ? "," : "")
				.append("{\"id\":\"evt_")
				.append(i)
				.append("\",\"type\":\"invoice.paid\",\"amount\":")
				.append(i * 137 % 10_000)
				.append(",\"currency\":\"eur\"}");
		}
		return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Text that compresses well, but not to nothing. */
	private static byte[] text(int size) {
		byte[] text = new byte[size];
		for (int i = 0; i < size; i++) {
			text[i] = (byte) ('a' + (i * 7 + i / 13) % 26);
		}
		return text;
	}

	private static byte[] gzip(byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(content);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Gzip the content and grow the result to exactly the given size with a comment in its
	 * header (RFC 1952 FCOMMENT), which changes nothing in the decoded content.
	 */
	private static byte[] gzipPaddedTo(byte[] content, int size) {
		byte[] gzip = gzip(content);
		// the JDK writes a 10-byte header without flags
		assertThat(gzip[3]).isZero();
		int commentLength = size - gzip.length - 1;
		assertThat(commentLength).isNotNegative();
		ByteArrayOutputStream out = new ByteArrayOutputStream(size);
		out.write(gzip, 0, 3);
		out.write(0x10);
		out.write(gzip, 4, 6);
		for (int i = 0; i < commentLength; i++) {
			out.write('#');
		}
		out.write(0);
		out.write(gzip, 10, gzip.length - 10);
		assertThat(out.size()).isEqualTo(size);
		return out.toByteArray();
	}

	private static byte[] zlib(byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStream zlib = new DeflaterOutputStream(out)) {
			zlib.write(content);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] rawDeflate(byte[] content, int level) {
		byte[] deflate = deflate(content, new Deflater(level, true));
		// a raw stream that looked like zlib would not test raw deflate
		int header = Byte.toUnsignedInt(deflate[0]) * 256 + Byte.toUnsignedInt(deflate[1]);
		assertThat((deflate[0] & 0x0F) == 8 && header % 31 == 0).isFalse();
		return deflate;
	}

	private static byte[] deflate(byte[] content, Deflater deflater) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStream deflate = new DeflaterOutputStream(out, deflater)) {
			deflate.write(content);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			deflater.end();
		}
		return out.toByteArray();
	}

	/**
	 * Raw deflate of {@code size} zeros (a multiple of 1 MiB), made by deflating 1 MiB once
	 * with a full flush, which makes its blocks independent of what precedes them, and
	 * repeating them: deflating 1 GiB of zeros would take seconds.
	 */
	private static byte[] deflatedZeros(long size) {
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		ByteArrayOutputStream mebibyte = new ByteArrayOutputStream();
		ByteArrayOutputStream end = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * KiB];
		try {
			deflater.setInput(new byte[MiB]);
			int count;
			do {
				count = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
				mebibyte.write(buffer, 0, count);
			}
			while (count == buffer.length);
			deflater.finish();
			while (!deflater.finished()) {
				end.write(buffer, 0, deflater.deflate(buffer));
			}
		}
		finally {
			deflater.end();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] block = mebibyte.toByteArray();
		for (long i = 0; i < size / MiB; i++) {
			out.writeBytes(block);
		}
		out.writeBytes(end.toByteArray());
		return out.toByteArray();
	}

	private static byte[] gzipBomb(long size) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff });
		out.writeBytes(deflatedZeros(size));
		writeLittleEndian(out, checksumOfZeros(new CRC32(), size));
		writeLittleEndian(out, size);
		return out.toByteArray();
	}

	private static byte[] zlibBomb(long size) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		// deflate with a 32 KiB window, best compression
		out.writeBytes(new byte[] { 0x78, (byte) 0xda });
		out.writeBytes(deflatedZeros(size));
		long adler = checksumOfZeros(new Adler32(), size);
		for (int shift = 24; shift >= 0; shift -= 8) {
			out.write((int) (adler >>> shift));
		}
		return out.toByteArray();
	}

	private static long checksumOfZeros(Checksum checksum, long size) {
		byte[] zeros = new byte[MiB];
		for (long i = 0; i < size / MiB; i++) {
			checksum.update(zeros, 0, zeros.length);
		}
		return checksum.getValue();
	}

	private static void writeLittleEndian(ByteArrayOutputStream out, long value) {
		for (int shift = 0; shift < 32; shift += 8) {
			out.write((int) (value >>> shift));
		}
	}

	private static long countZeros(InputStream in) throws IOException {
		long count = 0;
		try (in) {
			byte[] buffer = new byte[64 * KiB];
			int read;
			while ((read = in.read(buffer)) != -1) {
				for (int i = 0; i < read; i++) {
					if (buffer[i] != 0) {
						throw new AssertionError("Byte " + (count + i) + " is not zero");
					}
				}
				count += read;
			}
		}
		return count;
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/**
	 * A body that must not be read.
	 */
	private static final class FailingInputStream extends InputStream {

		@Override
		public int read() {
			throw new AssertionError("The body must not be read");
		}

		@Override
		public int read(byte[] b, int off, int len) {
			throw new AssertionError("The body must not be read");
		}

	}

	/**
	 * A body without end, counting what it served.
	 */
	private static final class EndlessInputStream extends InputStream {

		private long served;

		@Override
		public int read() {
			this.served++;
			return 'x';
		}

		@Override
		public int read(byte[] b, int off, int len) {
			Arrays.fill(b, off, off + len, (byte) 'x');
			this.served += len;
			return len;
		}

	}

}
