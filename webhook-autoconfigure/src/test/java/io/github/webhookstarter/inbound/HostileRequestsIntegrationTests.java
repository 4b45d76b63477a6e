package io.github.webhookstarter.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.BrotliOutputStream;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
 * A fixed corpus of named hostile requests, each sent over a real socket to the endpoint on a
 * random port and answered with the exact status of the endpoint's status table: bombs cut off
 * by the size limits, lying lengths and slow bodies bounded, header injection refused,
 * signatures in every wrong encoding refused, replays not dispatched twice. The requests are
 * written byte by byte, as no HTTP client would send most of them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = HostileRequestsIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.mode=sync", "webhook.inbound.sources.open.allow-unauthenticated=true",
				"webhook.inbound.sources.github.signature=github", "webhook.inbound.sources.github.secret=gh",
				"webhook.inbound.sources.shopify.signature=shopify", "webhook.inbound.sources.shopify.secret=shp",
				"webhook.inbound.sources.standard.signature=standard",
				"webhook.inbound.sources.standard.secret=" + HostileRequestsIntegrationTests.STANDARD_SECRET })
class HostileRequestsIntegrationTests {

	static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final long NOW = 1_767_225_600;

	static final String BODY = "{\"type\":\"thing.done\",\"data\":{\"n\":1}}";

	private static final int MEGABYTE = 1024 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	Listener listener;

	@BeforeAll
	static void loadBrotli() {
		Brotli4jLoader.ensureAvailability();
	}

	@BeforeEach
	void clearListener() {
		this.listener.received.clear();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileRequests")
	void hostileRequestIsAnsweredFromTheStatusTable(Hostile hostile) throws Exception {
		Response response = hostile.exchange().send(this);
		assertThat(response.status()).as(response.toString()).isEqualTo(hostile.status());
		assertThat(this.listener.received).as("dispatched").hasSize(hostile.dispatched());
		assertThat(response.headers()).doesNotContainKeys("set-cookie", "injected");
	}

	static Stream<Named<Hostile>> hostileRequests() throws IOException {
		return Stream.of(
				hostile("gzip bomb: 64 MB of zeros in 64 KB", 413, 0,
						(test) -> test.post("/webhooks/open", headers("Content-Encoding", "gzip"),
								bomb(GZIPOutputStream::new))),
				hostile("deflate bomb: 64 MB of zeros in 64 KB", 413, 0,
						(test) -> test.post("/webhooks/open", headers("Content-Encoding", "deflate"),
								bomb(DeflaterOutputStream::new))),
				hostile("brotli bomb: 64 MB of zeros in a few KB", 413, 0,
						(test) -> test.post("/webhooks/open", headers("Content-Encoding", "br"), bomb((out) -> {
							Brotli4jLoader.ensureAvailability();
							return new BrotliOutputStream(out, new Encoder.Parameters().setQuality(5).setWindow(24));
						}))),
				hostile("nested encoding 'gzip, br'", 415, 0,
						(test) -> test.post("/webhooks/open", headers("Content-Encoding", "gzip, br"),
								Encoder.compress(gzip(BODY.getBytes(StandardCharsets.UTF_8))))),
				hostile("10,000 nested arrays", 400, 0,
						(test) -> test.post("/webhooks/open", headers(),
								("{\"type\":\"thing.done\",\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")
									.getBytes(StandardCharsets.UTF_8))),
				hostile("Content-Length of 100 MB with a 10-byte body", 413, 0,
						(test) -> test.exchange(head("/webhooks/open", headers("Content-Length", "104857600")),
								"{\"a\":true}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5))),
				hostile("slow-loris body: a byte every 200 ms, cut off by the 10 s body timeout", 408, 0,
						HostileRequestsIntegrationTests::slowLoris),
				hostile("header injection: folded header line, unfolded into one value", 200, 1,
						(test) -> test.exchange("POST /webhooks/open HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
								+ "Content-Type: application/json\r\nX-Event: a\r\n Set-Cookie: injected=1\r\n"
								+ "Content-Length: " + BODY.length() + "\r\n\r\n", bytes(BODY), Duration.ofSeconds(5))),
				hostile("header injection: bare CR in a header value", 400, 0,
						(test) -> test.exchange("POST /webhooks/open HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
								+ "Content-Type: application/json\rInjected: 1\r\n" + "Content-Length: "
								+ BODY.length() + "\r\n\r\n", bytes(BODY), Duration.ofSeconds(5))),
				hostile("header injection: CR LF escaped in Content-Encoding, echoed in the problem", 415, 0,
						(test) -> test.post("/webhooks/open",
								headers("Content-Encoding", "gzip%0d%0aInjected:%201\\r\\nSet-Cookie: x=1"),
								bytes(BODY))),
				hostile("github signature in base64 instead of hex", 401, 0,
						(test) -> test.github("sha256=" + Base64.getEncoder().encodeToString(mac("gh", BODY)))),
				hostile("github signature without its sha256= prefix", 401, 0,
						(test) -> test.github(HexFormat.of().formatHex(mac("gh", BODY)))),
				hostile("github signature as sha1=", 401, 0,
						(test) -> test.github("sha1=" + HexFormat.of().formatHex(mac("gh", BODY)))),
				hostile("github signature truncated", 401, 0,
						(test) -> test.github("sha256=" + HexFormat.of().formatHex(mac("gh", BODY)).substring(0, 63))),
				hostile("github signature with non-hex digits", 401, 0,
						(test) -> test.github("sha256=" + HexFormat.of().formatHex(mac("gh", BODY)).replace('a', 'g'))),
				hostile("github signature percent-encoded", 401, 0,
						(test) -> test.github("sha256%3D" + HexFormat.of().formatHex(mac("gh", BODY)))),
				hostile("github signature empty", 401, 0, (test) -> test.github("")),
				hostile("shopify signature in hex instead of base64", 401, 0,
						(test) -> test.post("/webhooks/shopify",
								headers("X-Shopify-Topic", "thing.done", "X-Shopify-Hmac-SHA256",
										HexFormat.of().formatHex(mac("shp", BODY))),
								bytes(BODY))),
				hostile("standard signature in hex instead of base64", 401, 0,
						(test) -> test.standard("msg_hex", NOW, "v1," + HexFormat.of()
							.formatHex(Base64.getDecoder().decode(standardSignature("msg_hex", NOW).substring(3))))),
				hostile("standard signature as v2", 401, 0,
						(test) -> test.standard("msg_v2", NOW, "v2," + standardSignature("msg_v2", NOW).substring(3))),
				hostile("standard signature without its v1, prefix", 401, 0,
						(test) -> test.standard("msg_bare", NOW, standardSignature("msg_bare", NOW).substring(3))),
				hostile("standard message replayed with the same id", 200, 1, (test) -> {
					Response first = test.standard("msg_replayed", NOW, standardSignature("msg_replayed", NOW));
					assertThat(first.status()).isEqualTo(200);
					return test.standard("msg_replayed", NOW, standardSignature("msg_replayed", NOW));
				}),
				hostile("standard message signed 6 minutes ago, outside the 5-minute tolerance", 401, 0,
						(test) -> test.standard("msg_old", NOW - 360, standardSignature("msg_old", NOW - 360))),
				hostile("standard message signed 6 minutes ahead", 401, 0,
						(test) -> test.standard("msg_ahead", NOW + 360, standardSignature("msg_ahead", NOW + 360))));
	}

	private static Named<Hostile> hostile(String name, int status, int dispatched, Exchange exchange) {
		return Named.of(name, new Hostile(status, dispatched, exchange));
	}

	// the default body timeout bounds it, not the server's read timeout (60 s), which every
	// byte restarts
	private Response slowLoris() throws IOException, InterruptedException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head("/webhooks/open", headers("Content-Length", "1000")).getBytes(StandardCharsets.ISO_8859_1));
			long start = System.nanoTime();
			try {
				while (socket.getInputStream().available() == 0 && System.nanoTime() - start < 30_000_000_000L) {
					out.write(' ');
					out.flush();
					Thread.sleep(200);
				}
			}
			catch (SocketException ex) {
				// closed by the server after it answered
			}
			Response response = Response.read(socket.getInputStream());
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(elapsed).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(15));
			return response;
		}
	}

	private Response github(String signature) throws IOException {
		return post("/webhooks/github", headers("X-GitHub-Event", "thing.done", "X-Hub-Signature-256", signature),
				bytes(BODY));
	}

	private Response standard(String id, long timestamp, String signature) throws IOException {
		return post("/webhooks/standard", headers("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
				"webhook-signature", signature), bytes(BODY));
	}

	private static String standardSignature(String id, long timestamp) {
		try {
			return new Webhook(STANDARD_SECRET).sign(id, timestamp, BODY);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Response post(String path, Map<String, String> headers, byte[] body) throws IOException {
		headers.putIfAbsent("Content-Length", Integer.toString(body.length));
		return exchange(head(path, headers), body, Duration.ofSeconds(30));
	}

	private static String head(String path, Map<String, String> headers) {
		StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				+ "Content-Type: application/json\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		return head.append("\r\n").toString();
	}

	// writes the request as given and reads the response until the server closes the connection
	Response exchange(String head, byte[] body, Duration timeout) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.ISO_8859_1));
			try {
				out.write(body);
				out.flush();
			}
			catch (SocketException ex) {
				// the server may answer and close before it has read all of a body it refuses
			}
			return Response.read(socket.getInputStream());
		}
	}

	private static Map<String, String> headers(String... namesAndValues) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] mac(String secret, String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(bytes(secret), "HmacSHA256"));
			return mac.doFinal(bytes(content));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	// 64 MB of zeros: over the default limit of 10 MB decoded, its compressed size well under
	// the default 1 MB as sent
	private static byte[] bomb(Compressor compressor) throws IOException {
		ByteArrayOutputStream bomb = new ByteArrayOutputStream();
		try (OutputStream out = compressor.wrap(bomb)) {
			byte[] zeros = new byte[MEGABYTE];
			for (int i = 0; i < 64; i++) {
				out.write(zeros);
			}
		}
		assertThat(bomb.size()).isLessThan(MEGABYTE / 10);
		return bomb.toByteArray();
	}

	private static byte[] gzip(byte[] content) throws IOException {
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (OutputStream out = new GZIPOutputStream(gzipped)) {
			out.write(content);
		}
		return gzipped.toByteArray();
	}

	record Hostile(int status, int dispatched, Exchange exchange) {

	}

	interface Exchange {

		Response send(HostileRequestsIntegrationTests test) throws Exception;

	}

	interface Compressor {

		OutputStream wrap(OutputStream out) throws IOException;

	}

	record Response(int status, Map<String, List<String>> headers, String body) {

		// the head, and the body if its length is given: the server may hold the connection
		// open after it answered, while it drains what is left of a body it refused
		static Response read(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
				int next = in.read();
				if (next == -1) {
					break;
				}
				head.write(next);
			}
			String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
						.add(lines[i].substring(colon + 1).trim());
				}
			}
			List<String> length = headers.getOrDefault("content-length", List.of("0"));
			String body = new String(in.readNBytes(Integer.parseInt(length.get(0))), StandardCharsets.UTF_8);
			return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
		}

		@Bean
		Listener listener() {
			return new Listener();
		}

	}

	static class Listener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@WebhookEvent("*")
		void on(WebhookRequest request) {
			this.received.add(request.getSource() + ":" + request.getEventType());
		}

	}

}
