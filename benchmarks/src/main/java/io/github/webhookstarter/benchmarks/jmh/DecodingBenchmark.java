package io.github.webhookstarter.benchmarks.jmh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.webhookstarter.codec.BrotliSupport;
import io.github.webhookstarter.inbound.BodyLimits;
import io.github.webhookstarter.inbound.WebhookBodyReader;

/**
 * Decoding a 64 KB JSON body sent with a content coding: ours, the path of the inbound endpoint
 * ({@link WebhookBodyReader}: the body read as sent within {@code max-body-size}, then decoded
 * as a stream within {@code max-decoded-size} and {@code max-inflate-ratio}, at their defaults),
 * against the bare JDK or Brotli4j stream read to its end, as a hand-written controller does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecodingBenchmark {

	static final int SIZE = 64 * 1024;

	@Param({ "gzip", "deflate", "br" })
	public String coding;

	private byte[] encoded;

	private final WebhookBodyReader reader = new WebhookBodyReader(
			new BodyLimits(1024 * 1024, 10 * 1024 * 1024, 100), new BrotliSupport());

	@Setup
	public void setUp() throws IOException {
		Brotli4jLoader.ensureAvailability();
		byte[] body = Payloads.json(SIZE);
		this.encoded = switch (this.coding) {
			case "gzip" -> compress(body, GZIPOutputStream::new);
			case "deflate" -> compress(body, DeflaterOutputStream::new);
			case "br" -> Encoder.compress(body);
			default -> throw new IllegalArgumentException(this.coding);
		};
		if (!Arrays.equals(ours(), body) || !Arrays.equals(bare(), body)) {
			throw new IllegalStateException("decoding " + this.coding + " fails");
		}
	}

	private static byte[] compress(byte[] body, Compressor compressor) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStream compressing = compressor.wrap(out)) {
			compressing.write(body);
		}
		return out.toByteArray();
	}

	@Benchmark
	public byte[] ours() throws IOException {
		return this.reader.read(new ByteArrayInputStream(this.encoded), this.encoded.length, this.coding).decoded();
	}

	@Benchmark
	public byte[] bare() throws IOException {
		InputStream body = new ByteArrayInputStream(this.encoded);
		try (InputStream decoding = switch (this.coding) {
			case "gzip" -> new GZIPInputStream(body);
			case "deflate" -> new InflaterInputStream(body);
			default -> new BrotliInputStream(body);
		}) {
			return decoding.readAllBytes();
		}
	}

	private interface Compressor {

		OutputStream wrap(OutputStream out) throws IOException;

	}

}
