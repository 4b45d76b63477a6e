package io.github.webhookstarter.outbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;

import io.github.webhookstarter.codec.Compression;
import io.github.webhookstarter.signing.GitHubSignatureScheme;
import io.github.webhookstarter.signing.PaddleSignatureScheme;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.ServoSignatureScheme;
import io.github.webhookstarter.signing.ShopifySignatureScheme;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureVerification;
import io.github.webhookstarter.signing.SignedContent;
import io.github.webhookstarter.signing.SlackSignatureScheme;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;
import io.github.webhookstarter.signing.StripeSignatureScheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link WebhookSender}, against real HTTP servers on the loopback interface. The
 * signatures are checked with the Standard Webhooks reference library or with each scheme's
 * published formula computed here, never with the schemes under test.
 *
 * @author Webhook Starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookSenderTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private static final String TIMESTAMP = Long.toString(NOW.getEpochSecond());

	// not ASCII, so that a body re-encoded on the way would be caught
	private static final byte[] BODY = "{\"type\":\"order.created\",\"customer\":\"Zoë\"}"
		.getBytes(StandardCharsets.UTF_8);

	private static final WebhookMessage MESSAGE = new WebhookMessage("msg_1", "order.created", NOW, BODY);

	private static final String SECRET = "s3cr3t-signing-key";

	private static final String OTHER_SECRET = "previous-signing-key";

	private static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String USER_AGENT = "webhook-starter-test/1.0";

	private static final String CANCEL_TYPE = "application/vnd.webhook.cancel+json";

	private static final String DRIPPING_BODY = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n";

	private static final String DRIPPING_HEADERS = "HTTP/1.1 200 OK\r\nX-Slow: ";

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final List<Received> proxied = new CopyOnWriteArrayList<>();

	private final List<WebhookSender> senders = new ArrayList<>();

	private final DefaultSslBundleRegistry sslBundles = new DefaultSslBundleRegistry();

	private volatile Responder responder = (exchange) -> respond(exchange, 200, null, "ok");

	private ExecutorService executor;

	private HttpServer receiver;

	@BeforeEach
	void startReceiver() throws IOException {
		this.executor = Executors.newCachedThreadPool();
		this.receiver = startServer((exchange) -> {
			this.received.add(Received.of(exchange));
			this.responder.respond(exchange);
		});
	}

	@AfterEach
	void stop() throws Exception {
		for (WebhookSender sender : this.senders) {
			sender.destroy();
		}
		this.receiver.stop(0);
		// interrupts handlers that are still sleeping or streaming
		this.executor.shutdownNow();
	}

	@Test
	void postsJsonBodyWithUserAgentAndEndpointHeaders() {
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.isSuccessful()).isTrue();
		Received request = singleRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.uri().getPath()).isEqualTo("/hook");
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("User-Agent")).isEqualTo(USER_AGENT);
		assertThat(request.header("X-Tenant")).isEqualTo("acme");
		assertThat(request.header("Content-Length")).isEqualTo(Integer.toString(BODY.length));
		assertThat(request.header("Content-Encoding")).isNull();
		assertThat(request.body()).isEqualTo(BODY);
	}

	@Test
	void plainHttpIsHttp11WithoutAnUpgradeToH2c() {
		assertThat(sender().send(endpoint().build(), MESSAGE).isSuccessful()).isTrue();
		Received request = singleRequest();
		assertThat(request.header("Upgrade")).isNull();
		assertThat(request.header("HTTP2-Settings")).isNull();
		assertThat(request.header("Connection")).isNull();
	}

	@Test
	void standardWebhooksSignatureIsAcceptedByReferenceLibrary() {
		// the library checks the signed timestamp against its own clock
		WebhookSender sender = sender(ClientHttpRequestFactoryBuilder.jdk(), Clock.systemUTC());
		sender.send(endpoint().scheme(new StandardWebhooksSignatureScheme()).secrets(STANDARD_SECRET).build(),
				MESSAGE);
		Received request = singleRequest();
		assertThat(request.header("webhook-id")).isEqualTo("msg_1");
		assertThatNoException().isThrownBy(() -> new Webhook(STANDARD_SECRET)
			.verify(new String(request.body(), StandardCharsets.UTF_8), request.lowerCaseHeaders()));
	}

	@Test
	void gitHubSignatureIsHmacSha256OfBody() {
		sender().send(endpoint().scheme(new GitHubSignatureScheme()).build(), MESSAGE);
		assertThat(singleRequest().header("X-Hub-Signature-256"))
			.isEqualTo("sha256=" + hex(hmac("HmacSHA256", SECRET, BODY)));
	}

	@Test
	void stripeSignatureHasTimestampAndOneSignaturePerSecret() {
		sender().send(endpoint().scheme(new StripeSignatureScheme()).secrets(SECRET, OTHER_SECRET).build(), MESSAGE);
		byte[] signed = concat(TIMESTAMP + ".", BODY);
		assertThat(singleRequest().header("Stripe-Signature")).isEqualTo("t=" + TIMESTAMP + ",v1="
				+ hex(hmac("HmacSHA256", SECRET, signed)) + ",v1=" + hex(hmac("HmacSHA256", OTHER_SECRET, signed)));
	}

	@Test
	void shopifySignatureIsBase64HmacSha256OfBody() {
		sender().send(endpoint().scheme(new ShopifySignatureScheme()).build(), MESSAGE);
		assertThat(singleRequest().header("X-Shopify-Hmac-SHA256"))
			.isEqualTo(Base64.getEncoder().encodeToString(hmac("HmacSHA256", SECRET, BODY)));
	}

	@Test
	void slackSignatureCoversVersionTimestampAndBody() {
		sender().send(endpoint().scheme(new SlackSignatureScheme()).build(), MESSAGE);
		Received request = singleRequest();
		assertThat(request.header("X-Slack-Request-Timestamp")).isEqualTo(TIMESTAMP);
		assertThat(request.header("X-Slack-Signature"))
			.isEqualTo("v0=" + hex(hmac("HmacSHA256", SECRET, concat("v0:" + TIMESTAMP + ":", BODY))));
	}

	@Test
	void paddleSignatureHasTimestampAndHmacOfTimestampAndBody() {
		sender().send(endpoint().scheme(new PaddleSignatureScheme()).build(), MESSAGE);
		assertThat(singleRequest().header("Paddle-Signature")).isEqualTo(
				"ts=" + TIMESTAMP + ";h1=" + hex(hmac("HmacSHA256", SECRET, concat(TIMESTAMP + ":", BODY))));
	}

	@Test
	void servoSignatureIsHmacSha1OfBody() {
		sender().send(endpoint().scheme(new ServoSignatureScheme()).build(), MESSAGE);
		assertThat(singleRequest().header("X-Servo-Signature")).isEqualTo(hex(hmac("HmacSHA1", SECRET, BODY)));
	}

	@Test
	void gzipBodyDecodesToOriginalAndSignatureCoversUncompressedBytes() throws IOException {
		sender().send(endpoint().compression(Compression.GZIP).build(), MESSAGE);
		Received request = singleRequest();
		assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
		assertThat(request.header("Content-Length")).isEqualTo(Integer.toString(request.body().length));
		byte[] decoded = new GZIPInputStream(new ByteArrayInputStream(request.body())).readAllBytes();
		assertThat(decoded).isEqualTo(BODY);
		assertThat(request.header("X-Hub-Signature-256"))
			.isEqualTo("sha256=" + hex(hmac("HmacSHA256", SECRET, decoded)));
	}

	@Test
	void brotliBodyDecodesToOriginalAndSignatureCoversUncompressedBytes() throws IOException {
		Brotli4jLoader.ensureAvailability();
		sender().send(endpoint().compression(Compression.BR).build(), MESSAGE);
		Received request = singleRequest();
		assertThat(request.header("Content-Encoding")).isEqualTo("br");
		assertThat(request.body()).isNotEqualTo(BODY);
		byte[] decoded = Decoder.decompress(request.body()).getDecompressedData();
		assertThat(decoded).isEqualTo(BODY);
		assertThat(request.header("X-Hub-Signature-256"))
			.isEqualTo("sha256=" + hex(hmac("HmacSHA256", SECRET, decoded)));
	}

	@Test
	void brotliUnavailableSendsUncompressedAndWarnsOncePerEndpoint(CapturedOutput output) {
		WebhookSender sender = track(new WebhookSender(
				new EndpointClients(ClientHttpRequestFactoryBuilder.jdk(), HttpClientSettings.defaults(), null),
				() -> false, JsonMapper.builder().build(), CLOCK, USER_AGENT));
		sender.send(endpoint().compression(Compression.BR).build(), MESSAGE);
		sender.send(endpoint().compression(Compression.BR).build(), MESSAGE);
		sender.send(endpoint().name("billing").compression(Compression.BR).build(), MESSAGE);
		assertThat(this.received).hasSize(3).allSatisfy((request) -> {
			assertThat(request.header("Content-Encoding")).isNull();
			assertThat(request.body()).isEqualTo(BODY);
		});
		assertThat(output.getOut().split("asks for br compression", -1)).hasSize(3);
		assertThat(output).contains("'orders' asks for br", "'billing' asks for br").doesNotContain(SECRET);
	}

	@Test
	void successfulResponse() {
		this.responder = (exchange) -> respond(exchange, 202, "text/plain", "accepted");
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.isSuccessful()).isTrue();
		assertThat(result.statusCode()).isEqualTo(202);
		assertThat(result.responseExcerpt()).isEqualTo("accepted");
		assertThat(result.startedAt()).isEqualTo(NOW);
		assertThat(result.duration()).isPositive();
		assertThat(result.error()).isNull();
		assertThat(result.retryAfter()).isNull();
		assertThat(result.cancelReason()).isNull();
	}

	@Test
	void emptyResponseBodyHasNoExcerpt() {
		this.responder = (exchange) -> respond(exchange, 204, null, "");
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.statusCode()).isEqualTo(204);
		assertThat(result.responseExcerpt()).isNull();
	}

	@Test
	void serverErrorIsReportedWithStatusAndExcerpt() {
		this.responder = (exchange) -> respond(exchange, 500, "text/plain", "database down");
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.isSuccessful()).isFalse();
		assertThat(result.statusCode()).isEqualTo(500);
		assertThat(result.responseExcerpt()).isEqualTo("database down");
		assertThat(result.error()).isNull();
	}

	@Test
	void excerptIsFirst4096BytesOfLargeBody() {
		byte[] large = new byte[1024 * 1024];
		for (int i = 0; i < large.length; i++) {
			large[i] = (byte) ('a' + (i % 26));
		}
		this.responder = (exchange) -> respond(exchange, 500, "text/plain", large);
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.responseExcerpt()).hasSize(4096)
			.isEqualTo(new String(large, 0, 4096, StandardCharsets.US_ASCII));
	}

	@Test
	void endlessResponseBodyIsNotReadToItsEndWithJdkClient() {
		assertEndlessResponseBodyIsNotReadToItsEnd(ClientHttpRequestFactoryBuilder.jdk());
	}

	@Test
	void endlessResponseBodyIsNotReadToItsEndWithApacheHttpClient() {
		assertEndlessResponseBodyIsNotReadToItsEnd(ClientHttpRequestFactoryBuilder.httpComponents());
	}

	private void assertEndlessResponseBodyIsNotReadToItsEnd(ClientHttpRequestFactoryBuilder<?> builder) {
		this.responder = (exchange) -> {
			exchange.sendResponseHeaders(200, 0);
			byte[] chunk = new byte[64 * 1024];
			Arrays.fill(chunk, (byte) 'x');
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			try (OutputStream out = exchange.getResponseBody()) {
				while (System.nanoTime() < deadline) {
					out.write(chunk);
				}
			}
		};
		long start = System.nanoTime();
		SendResult result = sender(builder, CLOCK).send(endpoint().build(), MESSAGE);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.responseExcerpt()).hasSize(4096);
	}

	@Test
	void drippingResponseBodyIsCutAtTheDeadlineWithJdkClient() throws Exception {
		assertCutAtTheDeadline(ClientHttpRequestFactoryBuilder.jdk(), DRIPPING_BODY);
	}

	@Test
	void drippingResponseBodyIsCutAtTheDeadlineWithApacheHttpClient() throws Exception {
		assertCutAtTheDeadline(ClientHttpRequestFactoryBuilder.httpComponents(), DRIPPING_BODY);
	}

	@Test
	void drippingResponseHeadersAreCutAtTheDeadlineWithJdkClient() throws Exception {
		assertCutAtTheDeadline(ClientHttpRequestFactoryBuilder.jdk(), DRIPPING_HEADERS);
	}

	@Test
	void drippingResponseHeadersAreCutAtTheDeadlineWithApacheHttpClient() throws Exception {
		assertCutAtTheDeadline(ClientHttpRequestFactoryBuilder.httpComponents(), DRIPPING_HEADERS);
	}

	/**
	 * Send to a receiver that answers one byte every 200 ms after a head, which a timeout
	 * per read never stops, and check that the attempt ends at its deadline and lets the
	 * connection go.
	 */
	private void assertCutAtTheDeadline(ClientHttpRequestFactoryBuilder<?> builder, String head) throws Exception {
		CountDownLatch disconnected = new CountDownLatch(1);
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.executor.execute(() -> drip(server, head, disconnected));
			WebhookEndpoint endpoint = endpoint().url(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook"))
				.timeout(Duration.ofSeconds(1))
				.build();
			WebhookSender sender = sender(builder, CLOCK);
			long start = System.nanoTime();
			SendResult result = sender.send(endpoint, MESSAGE);
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofMillis(1500));
			assertThat(result.isSuccessful()).isFalse();
			assertThat(result.statusCode()).isNull();
			assertThat(result.error()).isEqualTo("no complete answer within 1s");
			assertThat(disconnected.await(2, TimeUnit.SECONDS)).as("connection closed by the client").isTrue();
		}
	}

	@Test
	void sendAsyncReturnsBeforeTheAnswerAndItsDeadlineAbortsADrippingReceiver() throws Exception {
		CountDownLatch disconnected = new CountDownLatch(1);
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.executor.execute(() -> drip(server, DRIPPING_BODY, disconnected));
			WebhookEndpoint endpoint = endpoint().url(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/hook"))
				.timeout(Duration.ofSeconds(1))
				.build();
			WebhookSender sender = sender();
			long start = System.nanoTime();
			CompletableFuture<SendResult> future = sender.sendAsync(endpoint, MESSAGE);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			assertThat(future).isNotDone();
			SendResult result = future.get(3, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1))
				.isLessThan(Duration.ofMillis(1500));
			assertThat(result.statusCode()).isNull();
			assertThat(result.error()).isEqualTo("no complete answer within 1s");
			assertThat(disconnected.await(2, TimeUnit.SECONDS)).as("connection closed by the client").isTrue();
		}
	}

	@Test
	void sendAsyncWithOtherClientsSendsOnTheCallingThread() {
		CompletableFuture<SendResult> future = sender(ClientHttpRequestFactoryBuilder.httpComponents(), CLOCK)
			.sendAsync(endpoint().build(), MESSAGE);
		assertThat(future).isCompleted();
		assertThat(future.join().statusCode()).isEqualTo(200);
		assertThat(this.received).hasSize(1);
	}

	private static void drip(ServerSocket server, String head, CountDownLatch disconnected) {
		try (Socket socket = server.accept()) {
			InputStream in = socket.getInputStream();
			String request = readHead(in);
			Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(request);
			in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			for (int i = 0; i < 100; i++) {
				Thread.sleep(200);
				out.write('x');
				out.flush();
			}
		}
		catch (IOException ex) {
			// the client closed the connection
			disconnected.countDown();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (head.indexOf("\r\n\r\n") < 0) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("request ended in its head");
			}
			head.append((char) next);
		}
		return head.toString();
	}

	@Test
	void redirectIsNotFollowed() {
		this.responder = (exchange) -> {
			if (exchange.getRequestURI().getPath().equals("/hook")) {
				exchange.getResponseHeaders().set("Location", "/target");
				respond(exchange, 307, null, "");
			}
			else {
				respond(exchange, 200, null, "ok");
			}
		};
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.statusCode()).isEqualTo(307);
		assertThat(result.isSuccessful()).isFalse();
		assertThat(this.received).extracting((request) -> request.uri().getPath()).containsExactly("/hook");
	}

	@Test
	void retryAfterSecondsOnTooManyRequests() {
		this.responder = (exchange) -> respondWithRetryAfter(exchange, 429, "7");
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.statusCode()).isEqualTo(429);
		assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void retryAfterHttpDateOnServiceUnavailableIsRelativeToClock() {
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(30).atZone(ZoneOffset.UTC));
		this.responder = (exchange) -> respondWithRetryAfter(exchange, 503, date);
		assertThat(sender().send(endpoint().build(), MESSAGE).retryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void retryAfterIsCappedAtOneDay() {
		this.responder = (exchange) -> respondWithRetryAfter(exchange, 429, "999999");
		assertThat(sender().send(endpoint().build(), MESSAGE).retryAfter()).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void retryAfterTooLongForLongIsCappedAtOneDay() {
		this.responder = (exchange) -> respondWithRetryAfter(exchange, 429, "99999999999999999999999");
		assertThat(sender().send(endpoint().build(), MESSAGE).retryAfter()).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void retryAfterInPastOrNegativeIsZero() {
		String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(60).atZone(ZoneOffset.UTC));
		this.responder = (exchange) -> respondWithRetryAfter(exchange, 503, past);
		assertThat(sender().send(endpoint().build(), MESSAGE).retryAfter()).isZero();
		this.responder = (exchange) -> respondWithRetryAfter(exchange, 503, "-5");
		assertThat(sender().send(endpoint().build(), MESSAGE).retryAfter()).isZero();
	}

	@Test
	void retryAfterUnparseableIsNull() {
		this.responder = (exchange) -> respondWithRetryAfter(exchange, 429, "soon");
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.statusCode()).isEqualTo(429);
		assertThat(result.retryAfter()).isNull();
	}

	@Test
	void retryAfterIsIgnoredOnOtherStatuses() {
		this.responder = (exchange) -> respondWithRetryAfter(exchange, 500, "7");
		assertThat(sender().send(endpoint().build(), MESSAGE).retryAfter()).isNull();
	}

	@Test
	void goneResponse() {
		this.responder = (exchange) -> respond(exchange, 410, null, "");
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.isGone()).isTrue();
		assertThat(result.isSuccessful()).isFalse();
	}

	@Test
	void cancelResponseGivesReason() {
		this.responder = (exchange) -> respond(exchange, 200, CANCEL_TYPE + ";charset=UTF-8",
				"{\"reason\":\"customer is blocked\"}");
		SendResult result = sender().send(endpoint().build(), MESSAGE);
		assertThat(result.isSuccessful()).isTrue();
		assertThat(result.cancelReason()).isEqualTo("customer is blocked");
	}

	@Test
	void cancelResponseWithoutReasonNamesEndpoint() {
		this.responder = (exchange) -> respond(exchange, 200, CANCEL_TYPE, "{}");
		assertThat(sender().send(endpoint().build(), MESSAGE).cancelReason()).isEqualTo("cancelled by endpoint orders");
		this.responder = (exchange) -> respond(exchange, 200, CANCEL_TYPE, "not json");
		assertThat(sender().send(endpoint().build(), MESSAGE).cancelReason()).isEqualTo("cancelled by endpoint orders");
	}

	@Test
	void reasonInOtherResponsesIsNoCancel() {
		String body = "{\"reason\":\"customer is blocked\"}";
		this.responder = (exchange) -> respond(exchange, 200, "application/json", body);
		assertThat(sender().send(endpoint().build(), MESSAGE).cancelReason()).isNull();
		this.responder = (exchange) -> respond(exchange, 400, CANCEL_TYPE, body);
		assertThat(sender().send(endpoint().build(), MESSAGE).cancelReason()).isNull();
		this.responder = (exchange) -> respond(exchange, 200, "*/*", body);
		assertThat(sender().send(endpoint().build(), MESSAGE).cancelReason()).isNull();
	}

	@Test
	void slowEndpointTimesOut() {
		this.responder = (exchange) -> {
			try {
				Thread.sleep(3000);
				respond(exchange, 200, null, "too late");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
		SendResult result = sender().send(endpoint().timeout(Duration.ofMillis(500)).build(), MESSAGE);
		assertThat(result.statusCode()).isNull();
		assertThat(result.error()).isEqualTo("no complete answer within 500ms");
		assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(500))
			.isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void refusedConnectionIsReportedNotThrown() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		SendResult result = sender()
			.send(endpoint().url(URI.create("http://127.0.0.1:" + closedPort + "/hook")).build(), MESSAGE);
		assertThat(result.statusCode()).isNull();
		assertThat(result.isSuccessful()).isFalse();
		assertThat(result.error()).startsWith("java.net.ConnectException: ");
		assertThat(result.startedAt()).isEqualTo(NOW);
	}

	@Test
	void proxyIsUsedWithJdkClient() throws IOException {
		assertSentThroughProxy(ClientHttpRequestFactoryBuilder.jdk());
	}

	@Test
	void proxyIsUsedWithApacheHttpClient() throws IOException {
		assertSentThroughProxy(ClientHttpRequestFactoryBuilder.httpComponents());
	}

	private void assertSentThroughProxy(ClientHttpRequestFactoryBuilder<?> builder) throws IOException {
		HttpServer proxy = startServer((exchange) -> {
			this.proxied.add(Received.of(exchange));
			respond(exchange, 200, "text/plain", "proxied");
		});
		try {
			// a host that does not resolve, so that only the proxy can have answered
			WebhookEndpoint endpoint = endpoint().url(URI.create("http://receiver.invalid:8080/hook"))
				.proxy(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()))
				.build();
			SendResult result = sender(builder, CLOCK).send(endpoint, MESSAGE);
			assertThat(result.statusCode()).isEqualTo(200);
			assertThat(result.responseExcerpt()).isEqualTo("proxied");
			assertThat(this.proxied).singleElement().satisfies((request) -> {
				assertThat(request.uri()).hasToString("http://receiver.invalid:8080/hook");
				assertThat(request.header("Host")).isEqualTo("receiver.invalid:8080");
				assertThat(request.body()).isEqualTo(BODY);
			});
			assertThat(this.received).isEmpty();
		}
		finally {
			proxy.stop(0);
		}
	}

	@Test
	void proxyWithOtherClientFailsToPrepareAndIsAFailedAttempt() throws Exception {
		WebhookEndpoint endpoint = endpoint().proxy(URI.create("http://127.0.0.1:3128")).build();
		EndpointClients clients = new EndpointClients(ClientHttpRequestFactoryBuilder.simple(),
				HttpClientSettings.defaults(), this.sslBundles);
		assertThat(clients.supportsProxy()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> clients.prepare(endpoint))
			.withMessageContaining("'orders'")
			.withMessageContaining("JDK or Apache HttpClient 5");
		clients.destroy();
		SendResult result = sender(ClientHttpRequestFactoryBuilder.simple(), CLOCK).send(endpoint, MESSAGE);
		assertThat(result.statusCode()).isNull();
		assertThat(result.error()).startsWith("java.lang.IllegalStateException: ")
			.contains("JDK or Apache HttpClient 5");
		assertThat(this.received).isEmpty();
	}

	@Test
	void unknownSslBundleFailsToPrepareAndIsAFailedAttempt() throws Exception {
		WebhookEndpoint endpoint = endpoint().sslBundle("partner-tls").build();
		EndpointClients withoutBundles = new EndpointClients(ClientHttpRequestFactoryBuilder.jdk(),
				HttpClientSettings.defaults(), null);
		assertThatIllegalStateException().isThrownBy(() -> withoutBundles.prepare(endpoint))
			.withMessage("SSL bundle 'partner-tls' of webhook endpoint 'orders' is not configured");
		withoutBundles.destroy();
		SendResult result = sender().send(endpoint, MESSAGE);
		assertThat(result.statusCode()).isNull();
		assertThat(result.error()).isEqualTo(
				"java.lang.IllegalStateException: SSL bundle 'partner-tls' of webhook endpoint 'orders' is not configured");
		assertThat(this.received).isEmpty();
	}

	@Test
	void anyExceptionWhileSendingIsAFailedAttempt() {
		SignatureScheme gitHub = new GitHubSignatureScheme();
		SignatureScheme failing = new SignatureScheme() {

			@Override
			public String name() {
				return "failing";
			}

			@Override
			public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
				if (!content.id().equals(MESSAGE.id())) {
					// the endpoint signs a sample when it is created
					return gitHub.sign(content, secrets);
				}
				throw new IllegalArgumentException("no key for this message");
			}

			@Override
			public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
					Duration tolerance) {
				return gitHub.verify(headers, body, secrets, now, tolerance);
			}

		};
		SendResult result = sender().send(endpoint().scheme(failing).build(), MESSAGE);
		assertThat(result.isSuccessful()).isFalse();
		assertThat(result.statusCode()).isNull();
		assertThat(result.error()).isEqualTo("java.lang.IllegalArgumentException: no key for this message");
		assertThat(this.received).isEmpty();
	}

	@Test
	void applicationSettingsApplyWhereTheEndpointHasNoneOfItsOwn() throws Exception {
		SslBundle applicationBundle = SslBundle.systemDefault();
		SslBundle endpointBundle = SslBundle.systemDefault();
		this.sslBundles.registerBundle("partner-tls", endpointBundle);
		List<HttpClientSettings> built = new CopyOnWriteArrayList<>();
		ClientHttpRequestFactoryBuilder<JdkClientHttpRequestFactory> builder = (settings) -> {
			built.add(settings);
			return ClientHttpRequestFactoryBuilder.jdk().build(settings);
		};
		HttpClientSettings application = HttpClientSettings.ofSslBundle(applicationBundle)
			.withTimeouts(Duration.ofMillis(800), Duration.ofMinutes(1))
			.withRedirects(HttpRedirects.FOLLOW);
		EndpointClients clients = new EndpointClients(builder, application, this.sslBundles);
		clients.prepare(endpoint().build());
		clients.prepare(endpoint().name("billing").timeout(Duration.ofMillis(500)).sslBundle("partner-tls").build());
		clients.destroy();
		assertThat(built).hasSize(2);
		assertThat(built.get(0)).satisfies((settings) -> {
			assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(800));
			assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
			assertThat(settings.sslBundle()).isSameAs(applicationBundle);
		});
		assertThat(built.get(1)).satisfies((settings) -> {
			assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
			assertThat(settings.readTimeout()).isEqualTo(Duration.ofMillis(500));
			assertThat(settings.redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
			assertThat(settings.sslBundle()).isSameAs(endpointBundle);
		});
	}

	@Test
	void requestFactoryIsBuiltOncePerEndpointWithItsSettings() {
		SslBundle bundle = SslBundle.systemDefault();
		this.sslBundles.registerBundle("partner-tls", bundle);
		List<HttpClientSettings> built = new CopyOnWriteArrayList<>();
		ClientHttpRequestFactoryBuilder<JdkClientHttpRequestFactory> builder = (settings) -> {
			built.add(settings);
			return ClientHttpRequestFactoryBuilder.jdk().build(settings);
		};
		WebhookSender sender = sender(builder, CLOCK);
		sender.send(endpoint().build(), MESSAGE);
		sender.send(endpoint().build(), MESSAGE);
		sender.send(endpoint().name("billing").timeout(Duration.ofSeconds(2)).sslBundle("partner-tls").build(),
				MESSAGE);
		assertThat(this.received).hasSize(3);
		assertThat(built).hasSize(2);
		assertThat(built.get(0)).satisfies((settings) -> {
			assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(settings.redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
			assertThat(settings.sslBundle()).isNull();
		});
		assertThat(built.get(1)).satisfies((settings) -> {
			assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(settings.redirects()).isEqualTo(HttpRedirects.DONT_FOLLOW);
			assertThat(settings.sslBundle()).isSameAs(bundle);
		});
	}

	private WebhookSender sender() {
		return sender(ClientHttpRequestFactoryBuilder.jdk(), CLOCK);
	}

	private WebhookSender sender(ClientHttpRequestFactoryBuilder<?> builder, Clock clock) {
		return track(new WebhookSender(new EndpointClients(builder, HttpClientSettings.defaults(), this.sslBundles),
				() -> true, JsonMapper.builder().build(), clock, USER_AGENT));
	}

	private WebhookSender track(WebhookSender sender) {
		this.senders.add(sender);
		return sender;
	}

	private EndpointBuilder endpoint() {
		return new EndpointBuilder(URI.create("http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/hook"));
	}

	private HttpServer startServer(Responder handler) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(this.executor);
		server.createContext("/", (exchange) -> {
			try {
				handler.respond(exchange);
			}
			finally {
				exchange.close();
			}
		});
		server.start();
		return server;
	}

	private Received singleRequest() {
		assertThat(this.received).hasSize(1);
		return this.received.get(0);
	}

	private static void respondWithRetryAfter(HttpExchange exchange, int status, String retryAfter)
			throws IOException {
		exchange.getResponseHeaders().set("Retry-After", retryAfter);
		respond(exchange, status, null, "");
	}

	private static void respond(HttpExchange exchange, int status, @Nullable String contentType, String body)
			throws IOException {
		respond(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	private static void respond(HttpExchange exchange, int status, @Nullable String contentType, byte[] body)
			throws IOException {
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		exchange.getResponseBody().write(body);
	}

	private static byte[] hmac(String algorithm, String secret, byte[] content) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
			return mac.doFinal(content);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	private static byte[] concat(String prefix, byte[] body) {
		byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
		byte[] content = Arrays.copyOf(head, head.length + body.length);
		System.arraycopy(body, 0, content, head.length, body.length);
		return content;
	}

	@FunctionalInterface
	private interface Responder {

		void respond(HttpExchange exchange) throws IOException;

	}

	private record Received(String method, URI uri, Headers headers, byte[] body) {

		static Received of(HttpExchange exchange) throws IOException {
			return new Received(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(),
					exchange.getRequestBody().readAllBytes());
		}

		@Nullable String header(String name) {
			return this.headers.getFirst(name);
		}

		Map<String, List<String>> lowerCaseHeaders() {
			Map<String, List<String>> lowerCase = new HashMap<>();
			this.headers.forEach((name, values) -> lowerCase.put(name.toLowerCase(Locale.ROOT), values));
			return lowerCase;
		}

	}

	/**
	 * Builds endpoints that differ from a default one in what a test is about.
	 */
	private static final class EndpointBuilder {

		private String name = "orders";

		private URI url;

		private SignatureScheme scheme = new GitHubSignatureScheme();

		private List<Secret> secrets = List.of(Secret.of(SECRET));

		private Compression compression = Compression.NONE;

		private Duration timeout = Duration.ofSeconds(5);

		private @Nullable String sslBundle;

		private @Nullable URI proxy;

		EndpointBuilder(URI url) {
			this.url = url;
		}

		EndpointBuilder name(String name) {
			this.name = name;
			return this;
		}

		EndpointBuilder url(URI url) {
			this.url = url;
			return this;
		}

		EndpointBuilder scheme(SignatureScheme scheme) {
			this.scheme = scheme;
			return this;
		}

		EndpointBuilder secrets(String... secrets) {
			this.secrets = Arrays.stream(secrets).map(Secret::of).toList();
			return this;
		}

		EndpointBuilder compression(Compression compression) {
			this.compression = compression;
			return this;
		}

		EndpointBuilder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		EndpointBuilder sslBundle(String sslBundle) {
			this.sslBundle = sslBundle;
			return this;
		}

		EndpointBuilder proxy(URI proxy) {
			this.proxy = proxy;
			return this;
		}

		WebhookEndpoint build() {
			HttpHeaders headers = new HttpHeaders();
			headers.set("X-Tenant", "acme");
			return new WebhookEndpoint(this.name, null, this.url, List.of(EventSelector.parse("order.*")), this.scheme,
					this.secrets, headers, this.timeout, null, this.compression, false, 0, this.sslBundle, this.proxy,
					true, false, null);
		}

	}

}
