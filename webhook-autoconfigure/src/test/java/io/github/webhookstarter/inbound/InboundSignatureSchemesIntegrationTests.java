package io.github.webhookstarter.inbound;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.standardwebhooks.Webhook;
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
import static org.awaitility.Awaitility.await;

/**
 * Every signature scheme verified by the endpoint over real HTTP, signed by independent code
 * (the Standard Webhooks and Svix libraries, or the vendors' published formulas written out
 * with {@link Mac}), with secret rotation, the signed bytes choice and an injected
 * {@link Clock}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = InboundSignatureSchemesIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.mode=sync",
				"webhook.inbound.sources.standard.signature=standard",
				"webhook.inbound.sources.standard.secret=" + InboundSignatureSchemesIntegrationTests.STANDARD_SECRET,
				// the published vector's body carries no event type
				"webhook.inbound.sources.vector.signature=standard",
				"webhook.inbound.sources.vector.secret=" + InboundSignatureSchemesIntegrationTests.STANDARD_SECRET,
				"webhook.inbound.sources.vector.event-type=path",
				"webhook.inbound.sources.svix.signature=standard",
				"webhook.inbound.sources.svix.secret=" + InboundSignatureSchemesIntegrationTests.STANDARD_SECRET,
				"webhook.inbound.sources.svix.mode=async",
				"webhook.inbound.sources.github.signature=github", "webhook.inbound.sources.github.secret=gh",
				"webhook.inbound.sources.stripe.signature=stripe", "webhook.inbound.sources.stripe.secret=whsec_stripe",
				"webhook.inbound.sources.shopify.signature=shopify", "webhook.inbound.sources.shopify.secret=shpss",
				"webhook.inbound.sources.slack.signature=slack", "webhook.inbound.sources.slack.secret=slk",
				"webhook.inbound.sources.paddle.signature=paddle", "webhook.inbound.sources.paddle.secret=pdl",
				"webhook.inbound.sources.servo.signature=servo", "webhook.inbound.sources.servo.secret=srv",
				"webhook.inbound.sources.custom.signature=hmac", "webhook.inbound.sources.custom.secret=cst",
				"webhook.inbound.sources.custom.hmac.header=X-Signature",
				"webhook.inbound.sources.custom.hmac.algorithm=HmacSHA512",
				"webhook.inbound.sources.custom.hmac.encoding=base64",
				"webhook.inbound.sources.custom.hmac.prefix=sha512=",
				"webhook.inbound.sources.custom.hmac.signed-content={timestamp}.{body}",
				"webhook.inbound.sources.custom.hmac.timestamp-header=X-Timestamp",
				"webhook.inbound.sources.rotating.signature=github",
				"webhook.inbound.sources.rotating.secrets=old-secret,new-secret",
				"webhook.inbound.sources.raw.signature=github", "webhook.inbound.sources.raw.secret=gh",
				"webhook.inbound.sources.raw.signed-bytes=raw",
				"webhook.inbound.sources.either.signature=github", "webhook.inbound.sources.either.secret=gh",
				"webhook.inbound.sources.either.signed-bytes=either" })
class InboundSignatureSchemesIntegrationTests {

	static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	// the timestamp of the Standard Webhooks test vector; the application's clock is set to it
	static final long NOW = 1614265330;

	static final String BODY = "{\"type\":\"thing.done\",\"id\":\"evt_1\",\"event_id\":\"evt_1\",\"event_type\":\"thing.done\",\"event\":{\"type\":\"thing.done\"}}";

	@LocalServerPort
	int port;

	@Autowired
	Listener listener;

	WebhookCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new WebhookCalls(this.port);
		this.listener.received.clear();
	}

	@Test
	void standardWebhooksPublishedVectorIsAccepted() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/vector")
			.json("{\"test\": 2432232314}")
			.header("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
			.header("webhook-timestamp", "1614265330")
			.header("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
			.send();
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void standardWebhooksSignedByTheReferenceLibraryIsAcceptedAndWrongSecretRefused() throws Exception {
		String signature = new Webhook(STANDARD_SECRET).sign("msg_1", NOW, BODY);
		assertThat(standard("msg_1", signature).statusCode()).isEqualTo(200);
		assertThat(this.listener.received).containsExactly("standard:thing.done");
		String wrong = new Webhook("whsec_" + Base64.getEncoder().encodeToString("another".getBytes()))
			.sign("msg_2", NOW, BODY);
		assertThat(standard("msg_2", wrong).statusCode()).isEqualTo(401);
	}

	@Test
	void svixSignedWithEitherHeaderNamesIsAcceptedAndItsRepeatedIdIsADuplicate() throws Exception {
		for (String prefix : List.of("webhook-", "svix-")) {
			String id = "msg_" + prefix + "1";
			String signature = new com.svix.Webhook(STANDARD_SECRET).sign(id, NOW, BODY);
			assertThat(svix(prefix, id, signature).statusCode()).as(prefix + "* accepted").isEqualTo(202);
			assertThat(svix(prefix, id, signature).statusCode()).as(prefix + "* duplicate").isEqualTo(200);
		}
		// dispatched once each, and before another test looks at what was received
		await().untilAsserted(
				() -> assertThat(this.listener.received).containsExactly("svix:thing.done", "svix:thing.done"));
	}

	@Test
	void github() throws Exception {
		assertThat(post("github", "X-Hub-Signature-256", "sha256=" + hex("HmacSHA256", "gh", BODY))).isEqualTo(200);
		assertThat(post("github", "X-Hub-Signature-256", "sha256=" + hex("HmacSHA256", "nope", BODY)))
			.isEqualTo(401);
	}

	@Test
	void stripe() throws Exception {
		String signed = NOW + "." + BODY;
		assertThat(post("stripe", "Stripe-Signature", "t=" + NOW + ",v1=" + hex("HmacSHA256", "whsec_stripe", signed)))
			.isEqualTo(200);
		long old = NOW - 600;
		assertThat(post("stripe", "Stripe-Signature",
				"t=" + old + ",v1=" + hex("HmacSHA256", "whsec_stripe", old + "." + BODY)))
			.isEqualTo(401);
	}

	@Test
	void shopify() throws Exception {
		assertThat(post("shopify", "X-Shopify-Hmac-SHA256", base64("HmacSHA256", "shpss", BODY))).isEqualTo(200);
		assertThat(post("shopify", "X-Shopify-Hmac-SHA256", base64("HmacSHA256", "nope", BODY))).isEqualTo(401);
	}

	@Test
	void slack() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/slack")
			.json(BODY)
			.header("X-Slack-Request-Timestamp", Long.toString(NOW))
			.header("X-Slack-Signature", "v0=" + hex("HmacSHA256", "slk", "v0:" + NOW + ":" + BODY))
			.send();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.listener.received).containsExactly("slack:thing.done");
	}

	@Test
	void paddle() throws Exception {
		assertThat(post("paddle", "Paddle-Signature", "ts=" + NOW + ";h1=" + hex("HmacSHA256", "pdl", NOW + ":" + BODY)))
			.isEqualTo(200);
		long future = NOW + 600;
		assertThat(post("paddle", "Paddle-Signature",
				"ts=" + future + ";h1=" + hex("HmacSHA256", "pdl", future + ":" + BODY)))
			.isEqualTo(401);
	}

	@Test
	void servo() throws Exception {
		assertThat(post("servo", "X-Servo-Signature", hex("HmacSHA1", "srv", BODY))).isEqualTo(200);
		assertThat(post("servo", "X-Servo-Signature", hex("HmacSHA256", "srv", BODY))).isEqualTo(401);
	}

	@Test
	void customHmac() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/custom")
			.json(BODY)
			.header("X-Timestamp", Long.toString(NOW))
			.header("X-Signature", "sha512=" + base64("HmacSHA512", "cst", NOW + "." + BODY))
			.send();
		assertThat(response.statusCode()).isEqualTo(200);
		HttpResponse<String> unsigned = this.calls.post("/webhooks/custom")
			.json(BODY)
			.header("X-Timestamp", Long.toString(NOW))
			.header("X-Signature", "sha512=" + base64("HmacSHA512", "cst", BODY))
			.send();
		assertThat(unsigned.statusCode()).isEqualTo(401);
	}

	@Test
	void rotationAcceptsEverySecret() throws Exception {
		assertThat(post("rotating", "X-Hub-Signature-256", "sha256=" + hex("HmacSHA256", "old-secret", BODY)))
			.isEqualTo(200);
		assertThat(post("rotating", "X-Hub-Signature-256", "sha256=" + hex("HmacSHA256", "new-secret", BODY)))
			.isEqualTo(200);
		assertThat(post("rotating", "X-Hub-Signature-256", "sha256=" + hex("HmacSHA256", "gh", BODY)))
			.isEqualTo(401);
	}

	@Test
	void signedBytesChoosesRawOrDecodedBody() throws Exception {
		byte[] gzipped = gzip(BODY);
		String overDecoded = "sha256=" + hex("HmacSHA256", "gh", BODY.getBytes(StandardCharsets.UTF_8));
		String overRaw = "sha256=" + hex("HmacSHA256", "gh", gzipped);
		assertThat(gzipped("github", gzipped, overDecoded)).isEqualTo(200);
		assertThat(gzipped("github", gzipped, overRaw)).isEqualTo(401);
		assertThat(gzipped("raw", gzipped, overRaw)).isEqualTo(200);
		assertThat(gzipped("raw", gzipped, overDecoded)).isEqualTo(401);
		assertThat(gzipped("either", gzipped, overRaw)).isEqualTo(200);
		assertThat(gzipped("either", gzipped, overDecoded)).isEqualTo(200);
	}

	private int gzipped(String source, byte[] body, String signature) throws Exception {
		return this.calls.post("/webhooks/" + source)
			.body(body)
			.header("Content-Encoding", "gzip")
			.header("X-GitHub-Event", "thing.done")
			.header("X-Hub-Signature-256", signature)
			.send()
			.statusCode();
	}

	private HttpResponse<String> standard(String id, String signature) throws Exception {
		return this.calls.post("/webhooks/standard")
			.json(BODY)
			.header("webhook-id", id)
			.header("webhook-timestamp", Long.toString(NOW))
			.header("webhook-signature", signature)
			.send();
	}

	private HttpResponse<String> svix(String headerPrefix, String id, String signature) throws Exception {
		return this.calls.post("/webhooks/svix")
			.json(BODY)
			.header(headerPrefix + "id", id)
			.header(headerPrefix + "timestamp", Long.toString(NOW))
			.header(headerPrefix + "signature", signature)
			.send();
	}

	private int post(String source, String header, String value) throws Exception {
		return this.calls.post("/webhooks/" + source)
			.json(BODY)
			.header("X-GitHub-Event", "thing.done")
			.header("X-Shopify-Topic", "thing.done")
			.header(header, value)
			.send()
			.statusCode();
	}

	private static byte[] gzip(String text) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	private static String hex(String algorithm, String secret, String content) throws Exception {
		return hex(algorithm, secret, content.getBytes(StandardCharsets.UTF_8));
	}

	private static String hex(String algorithm, String secret, byte[] content) throws Exception {
		return HexFormat.of().formatHex(mac(algorithm, secret, content));
	}

	private static String base64(String algorithm, String secret, String content) throws Exception {
		return Base64.getEncoder().encodeToString(mac(algorithm, secret, content.getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] mac(String algorithm, String secret, byte[] content) throws Exception {
		Mac mac = Mac.getInstance(algorithm);
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
		return mac.doFinal(content);
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
