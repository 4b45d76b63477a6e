package io.github.webhookstarter.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignedContent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the inbound pipeline with Jazzer: the request handler gets
 * fuzzed methods, paths, content types, content codings (truncated, concatenated or
 * mislabelled streams among them), signature and timestamp headers of every scheme, and
 * bodies from random bytes to deeply nested JSON and huge numbers and strings. A share of the
 * calls is signed correctly, so that the fuzzer gets past verification into JSON parsing,
 * duplicate detection and dispatch.
 * <p>
 * The property: every call is answered from the status table of the endpoint, never with a
 * {@code 500}, and no exception escapes. Limits are small so that the fuzzer reaches them;
 * the fuzzer's own memory limit (libFuzzer's {@code -rss_limit_mb}, 2 GB) catches a call
 * whose memory is not bounded by them.
 * <p>
 * Without {@code JAZZER_FUZZ} (as in CI), the inputs under
 * {@code src/test/resources/io/github/webhookstarter/inbound/InboundPipelineFuzzTestsInputs/}
 * run as regression tests; {@code benchmarks/fuzz.sh} fuzzes for longer.
 */
@SpringBootTest(classes = InboundPipelineFuzzTests.TestApplication.class,
		properties = { "webhook.inbound.mode=sync", "webhook.inbound.max-body-size=64KB",
				"webhook.inbound.max-decoded-size=256KB", "webhook.inbound.max-inflate-ratio=50",
				"webhook.inbound.sources.open.allow-unauthenticated=true",
				"webhook.inbound.sources.queued.allow-unauthenticated=true",
				"webhook.inbound.sources.queued.mode=async", "webhook.inbound.sources.queued.id=json:/id",
				"webhook.inbound.sources.typed.allow-unauthenticated=true",
				"webhook.inbound.sources.typed.payload=json:/data",
				"webhook.inbound.sources.standard.signature=standard",
				"webhook.inbound.sources.standard.secret=" + InboundPipelineFuzzTests.STANDARD_SECRET,
				"webhook.inbound.sources.github.signature=github", "webhook.inbound.sources.github.secret=gh",
				"webhook.inbound.sources.github.signed-bytes=either",
				"webhook.inbound.sources.stripe.signature=stripe", "webhook.inbound.sources.stripe.secret=whsec_st",
				"webhook.inbound.sources.stripe.event-type=json:/type",
				"webhook.inbound.sources.shopify.signature=shopify", "webhook.inbound.sources.shopify.secret=shp",
				"webhook.inbound.sources.slack.signature=slack", "webhook.inbound.sources.slack.secret=slk",
				"webhook.inbound.sources.slack.event-type=json:/type",
				"webhook.inbound.sources.paddle.signature=paddle", "webhook.inbound.sources.paddle.secret=pdl",
				"webhook.inbound.sources.servo.signature=servo", "webhook.inbound.sources.servo.secret=srv",
				"webhook.inbound.sources.servo.event-type=path",
				"webhook.inbound.sources.servo.signed-bytes=raw",
				"webhook.inbound.sources.custom.signature=hmac", "webhook.inbound.sources.custom.secret=cst",
				"webhook.inbound.sources.custom.hmac.header=X-Signature",
				"webhook.inbound.sources.custom.hmac.algorithm=HmacSHA512",
				"webhook.inbound.sources.custom.hmac.encoding=base64",
				"webhook.inbound.sources.custom.hmac.prefix=sha512=",
				"webhook.inbound.sources.custom.hmac.signed-content={timestamp}.{body}",
				"webhook.inbound.sources.custom.hmac.timestamp-header=X-Timestamp",
				"webhook.inbound.sources.custom.event-type=json:/type" })
class InboundPipelineFuzzTests {

	static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	// a fixed clock: an input that was signed within the tolerance stays so when it is rerun
	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	// the answers of the status table, except 503, which only a full store gives (with Retry-After)
	private static final Set<Integer> TABLE = Set.of(200, 202, 400, 401, 404, 405, 409, 413, 415);

	private static final String[] SOURCES = { "open", "queued", "typed", "standard", "github", "stripe", "shopify",
			"slack", "paddle", "servo", "custom", "unknown" };

	private static final String[] METHODS = { "POST", "POST", "POST", "POST", "GET", "PUT", "post", "OPTIONS" };

	private static final String[] CONTENT_TYPES = { "application/json", "application/json; charset=utf-8",
			"application/vnd.api+json", "APPLICATION/JSON", "text/plain", "application/*", "*/*", "application/json;",
			"application/json; charset=\"", "application/+json", "multipart/form-data; boundary=x", ";", "" };

	private static final String[] CONTENT_CODINGS = { "gzip", "x-gzip", "deflate", "br", "identity", "GZIP",
			"gzip, br", "br, gzip", "gzip,", ", ,", "compress", "zstd", "gzip;q=1", "" };

	private static final String[] SIGNATURE_HEADERS = { "webhook-id", "webhook-timestamp", "webhook-signature",
			"svix-id", "svix-timestamp", "svix-signature", "X-Hub-Signature-256", "Stripe-Signature",
			"X-Shopify-Hmac-SHA256", "X-Slack-Signature", "X-Slack-Request-Timestamp", "Paddle-Signature",
			"X-Servo-Signature", "X-Signature", "X-Timestamp", "X-GitHub-Event", "X-GitHub-Delivery",
			"X-Shopify-Topic", "X-Shopify-Webhook-Id", "Content-Length", "Authorization" };

	private static final String[] JSON_PIECES = { "{", "}", "[", "]", ",", ":", "\"type\"", "\"data\"", "\"id\"",
			"\"x.y\"", "1e999999999", "-0", "123456789012345678901234567890123456789", "0.0000000000000000000001e-400",
			"true", "null", "\"\\ud800\"", "\"\\u0000\"", "NaN", "\"é\"", "\u0000", "\"", "\\", "/*", "//" };

	@Autowired
	WebhookRequestHandler handler;

	@Autowired
	WebhookSources sources;

	@BeforeAll
	static void loadBrotli() {
		Brotli4jLoader.ensureAvailability();
	}

	@FuzzTest(maxDuration = "10s")
	void everyCallIsAnsweredFromTheStatusTable(FuzzedDataProvider data) throws IOException {
		String sourceName = data.pickValue(SOURCES);
		MockHttpServletRequest request = new MockHttpServletRequest(data.pickValue(METHODS),
				"/webhooks/" + sourceName + (data.consumeBoolean() ? "/" + data.consumeString(16) : ""));
		if (data.consumeProbabilityDouble() < 0.9) {
			request.setContentType(
					data.consumeBoolean() ? data.pickValue(CONTENT_TYPES) : data.consumeString(40));
		}
		byte[] body = body(data);
		// from around now to far beyond any tolerance, within the range of an Instant
		Instant timestamp = NOW.plusSeconds(
				data.consumeBoolean() ? data.consumeLong(-600, 600) : data.consumeLong(-1L << 40, 1L << 40));
		String webhookId = data.consumeBoolean() ? "msg_" + data.consumeInt(0, 20) : data.consumeString(300);
		WebhookSource source = this.sources.getSources()
			.stream()
			.filter((candidate) -> candidate.name().equals(sourceName))
			.findFirst()
			.orElse(null);
		SignatureScheme scheme = (source != null) ? source.signatureScheme() : null;
		if (source != null && scheme != null && data.consumeBoolean()) {
			sign(scheme, source, webhookId, timestamp, body, request, data);
		}
		int extraHeaders = data.consumeInt(0, 4);
		for (int i = 0; i < extraHeaders; i++) {
			request.addHeader(data.pickValue(SIGNATURE_HEADERS), data.consumeString(200));
		}
		request.setContent(encode(data, body, request));
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.handleRequest(request, response);
		int status = response.getStatus();
		if (status == 503) {
			assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).as("503 without Retry-After").isNotNull();
		}
		else {
			assertThat(TABLE).as("status %d: %s", status, response.getContentAsString()).contains(status);
		}
	}

	private static byte[] body(FuzzedDataProvider data) {
		return switch (data.consumeInt(0, 3)) {
			case 0 -> data.consumeBytes(data.consumeInt(0, 4096));
			case 1 -> {
				StringBuilder json = new StringBuilder();
				int pieces = data.consumeInt(0, 64);
				for (int i = 0; i < pieces; i++) {
					json.append(data.consumeBoolean() ? data.pickValue(JSON_PIECES) : data.consumeString(8));
				}
				yield json.toString().getBytes(StandardCharsets.UTF_8);
			}
			case 2 -> {
				// deep nesting, huge numbers or long strings around a valid envelope
				int depth = data.consumeInt(0, 20_000);
				String inner = data.pickValue(new String[] { "1", "1e999999", "\"" + "a".repeat(depth) + "\"",
						"9".repeat(Math.min(depth, 5000)), "{}" });
				String nested = "[".repeat(depth) + inner + "]".repeat(data.consumeBoolean() ? depth : depth / 2);
				yield ("{\"type\":\"x.y\",\"id\":\"" + data.consumeInt() + "\",\"data\":" + nested + "}")
					.getBytes(StandardCharsets.UTF_8);
			}
			default -> ("{\"type\":\"" + data.consumeString(20) + "\",\"id\":\"" + data.consumeInt(0, 50)
					+ "\",\"data\":{\"name\":" + data.pickValue(JSON_PIECES) + ",\"count\":" + data.consumeLong()
					+ "}}")
				.getBytes(StandardCharsets.UTF_8);
		};
	}

	private static void sign(SignatureScheme scheme, WebhookSource source, String webhookId, Instant timestamp,
			byte[] body, MockHttpServletRequest request, FuzzedDataProvider data) {
		HttpHeaders headers = scheme.sign(new SignedContent(webhookId, timestamp, body), source.secrets());
		boolean tamper = data.consumeProbabilityDouble() < 0.2;
		headers.forEach((name, values) -> values.forEach((value) -> request.addHeader(name,
				(tamper && !value.isEmpty()) ? value.substring(0, data.consumeInt(0, value.length() - 1))
						+ data.consumeString(3) : value)));
		if (!request.getHeaderNames().hasMoreElements() || data.consumeBoolean()) {
			request.addHeader("X-GitHub-Event", data.consumeBoolean() ? "x.y" : data.consumeString(300));
			request.addHeader("X-Shopify-Topic", "x.y");
		}
	}

	// encodes the body as a content coding, which the Content-Encoding header may or may not
	// name, and which may be cut short, doubled or followed by garbage
	private static byte[] encode(FuzzedDataProvider data, byte[] body, MockHttpServletRequest request)
			throws IOException {
		int coding = data.consumeInt(0, 4);
		byte[] encoded = switch (coding) {
			case 1 -> compress(body, GZIPOutputStream::new);
			case 2 -> compress(body, DeflaterOutputStream::new);
			case 3 -> compress(body, (out) -> new DeflaterOutputStream(out, new Deflater(Deflater.BEST_SPEED, true)));
			case 4 -> Encoder.compress(body);
			default -> body;
		};
		String header = switch (coding) {
			case 1 -> "gzip";
			case 2, 3 -> "deflate";
			case 4 -> "br";
			default -> null;
		};
		if (data.consumeProbabilityDouble() < 0.2) {
			header = data.consumeBoolean() ? data.pickValue(CONTENT_CODINGS) : data.consumeString(30);
		}
		if (header != null) {
			request.addHeader(HttpHeaders.CONTENT_ENCODING, header);
		}
		return switch (data.consumeInt(0, 5)) {
			case 0 -> Arrays.copyOf(encoded, data.consumeInt(0, encoded.length));
			case 1 -> concat(encoded, encoded);
			case 2 -> concat(encoded, data.consumeBytes(64));
			default -> encoded;
		};
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static byte[] compress(byte[] body, Compressor compressor) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (OutputStream out = compressor.wrap(compressed)) {
			out.write(body);
		}
		return compressed.toByteArray();
	}

	interface Compressor {

		OutputStream wrap(OutputStream out) throws IOException;

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

	}

	record Payload(String name, long count, List<String> tags) {
	}

	static class Listeners {

		@WebhookEvent("*")
		void onAny(JsonNode body) {
		}

		@WebhookEvent(value = "*", source = "typed")
		void onTyped(Payload payload) {
		}

		@WebhookEvent(value = "*", source = "servo")
		void onBytes(byte[] body, WebhookRequest request) {
			request.getPayload();
		}

	}

}
