package io.github.webhookstarter.inbound;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import io.github.webhookstarter.WebhookEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every content encoding over real HTTP, produced by the JDK's and Brotli4j's encoders, and
 * decompression bombs refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = InboundEncodingIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.mode=sync", "webhook.inbound.sources.zip.allow-unauthenticated=true" })
class InboundEncodingIntegrationTests {

	static final String BODY = "{\"type\":\"compressed\",\"text\":\"" + "webhook ".repeat(500) + "\"}";

	@LocalServerPort
	int port;

	@Autowired
	Listener listener;

	WebhookCalls calls;

	@BeforeAll
	static void loadBrotli() {
		Brotli4jLoader.ensureAvailability();
	}

	@BeforeEach
	void setUp() {
		this.calls = new WebhookCalls(this.port);
		this.listener.bodies.clear();
	}

	@Test
	void identity() throws Exception {
		assertDecoded(null, BODY.getBytes(StandardCharsets.UTF_8));
		assertDecoded("identity", BODY.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void gzipFromTheJdk() throws Exception {
		assertDecoded("gzip", compress(GZIPOutputStream::new));
	}

	@Test
	void deflateZlibWrappedAndRaw() throws Exception {
		assertDecoded("deflate", compress(DeflaterOutputStream::new));
		assertDecoded("deflate",
				compress((out) -> new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))));
	}

	@Test
	void brotliFromBrotli4j() throws Exception {
		assertDecoded("br", Encoder.compress(BODY.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void brotliBombIsTooLarge() throws Exception {
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		try (BrotliOutputStream brotli = new BrotliOutputStream(bomb,
				new Encoder.Parameters().setQuality(5).setWindow(24))) {
			byte[] zeros = new byte[1024 * 1024];
			// 64 MB decoded, over the default 10 MB limit
			for (int i = 0; i < 64; i++) {
				brotli.write(zeros);
			}
		}
		assertThat(bomb.size()).isLessThan(64 * 1024);
		HttpResponse<String> response = this.calls.post("/webhooks/zip")
			.body(bomb.toByteArray())
			.header("Content-Encoding", "br")
			.send();
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(this.listener.bodies).isEmpty();
	}

	private void assertDecoded(String encoding, byte[] body) throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/zip").body(body).header("Content-Encoding", encoding)
			.send();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.listener.bodies).containsExactly(BODY);
		this.listener.bodies.clear();
	}

	private static byte[] compress(Compressor compressor) throws Exception {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (OutputStream out = compressor.wrap(compressed)) {
			out.write(BODY.getBytes(StandardCharsets.UTF_8));
		}
		return compressed.toByteArray();
	}

	interface Compressor {

		OutputStream wrap(OutputStream out) throws Exception;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Listener listener() {
			return new Listener();
		}

	}

	static class Listener {

		final List<String> bodies = new CopyOnWriteArrayList<>();

		@WebhookEvent("compressed")
		void on(String body) {
			this.bodies.add(body);
		}

	}

}
