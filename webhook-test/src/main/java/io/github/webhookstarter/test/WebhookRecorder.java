package io.github.webhookstarter.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.assertj.core.api.AssertProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

import io.github.webhookstarter.inbound.BodyLimits;
import io.github.webhookstarter.inbound.ReceivedBody;
import io.github.webhookstarter.inbound.ValueLocation;
import io.github.webhookstarter.inbound.WebhookBodyReader;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureSchemes;
import io.github.webhookstarter.signing.SignatureVerification;

/**
 * A webhook receiver on a random local port that records every request, decodes
 * {@code gzip}, {@code deflate} and {@code br} bodies and verifies their signatures, for
 * tests of the webhooks an application emits. Point an endpoint at {@link #url(String)} and
 * assert with AssertJ:
 * <pre class="code">
 * &#064;RegisterExtension
 * static WebhookRecorder recorder = WebhookRecorder.builder().signature("standard", SECRET).start();
 *
 * assertThat(recorder).received("order.created").withPayloadSatisfying((payload) -&gt; ...);
 * </pre>
 * The recorder answers {@code 200} to an accepted request, {@code 401} to one whose signature
 * is not valid and {@code 400} to one whose body cannot be decoded, as a real receiver would.
 * <p>
 * As a JUnit extension ({@code @RegisterExtension} on a static field), it forgets what it
 * received before each test and stops after the last; otherwise {@link #reset()} and
 * {@link #close()} do that.
 *
 * @author Webhook Starter team
 */
public final class WebhookRecorder
		implements AutoCloseable, AssertProvider<WebhookRecorderAssert>, BeforeEachCallback, AfterAllCallback {

	// generous, as the recorder receives from the test's own application
	private static final BodyLimits LIMITS = new BodyLimits(DataSize.ofMegabytes(16).toBytes(),
			DataSize.ofMegabytes(64).toBytes(), 1000);

	private final HttpServer server;

	private final ExecutorService executor;

	private final @Nullable SignatureScheme scheme;

	private final List<Secret> secrets;

	private final Duration tolerance;

	private final ValueLocation eventTypeLocation;

	private final @Nullable ValueLocation idLocation;

	private final JsonPointer payloadLocation;

	private final int status;

	private final JsonMapper jsonMapper;

	private final WebhookBodyReader bodyReader = new WebhookBodyReader(LIMITS, ContentCodings.brotli);

	private final List<RecordedWebhook> received = new ArrayList<>();

	private WebhookRecorder(Builder builder) throws IOException {
		this.scheme = builder.scheme;
		this.secrets = builder.secrets;
		this.tolerance = builder.tolerance;
		this.eventTypeLocation = builder.eventTypeLocation;
		String idLocation = (builder.scheme != null) ? builder.scheme.defaultIdLocation() : null;
		this.idLocation = (idLocation != null) ? ValueLocation.parse(idLocation) : null;
		this.payloadLocation = builder.payloadLocation;
		this.status = builder.status;
		this.jsonMapper = builder.jsonMapper;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		// several threads, so that a sender's concurrent deliveries are not queued behind each other
		this.executor = Executors.newCachedThreadPool();
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * Start a recorder that verifies no signature.
	 * @return the started recorder
	 */
	public static WebhookRecorder start() {
		return builder().start();
	}

	/**
	 * Create a builder of a recorder.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the base URL of the recorder, such as {@code http://127.0.0.1:51234}.
	 * @return the base URL
	 */
	public URI url() {
		InetSocketAddress address = this.server.getAddress();
		return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
	}

	/**
	 * Return the URL of a path of the recorder, which records requests to any path.
	 * @param path the path, such as {@code /hooks}
	 * @return the URL
	 */
	public URI url(String path) {
		Assert.isTrue(path.startsWith("/"), () -> "Path '" + path + "' must start with '/'");
		return URI.create(url() + path);
	}

	/**
	 * Return the requests received so far, oldest first.
	 * @return the received requests
	 */
	public List<RecordedWebhook> received() {
		synchronized (this.received) {
			return List.copyOf(this.received);
		}
	}

	/**
	 * Forget the requests received so far.
	 */
	public void reset() {
		synchronized (this.received) {
			this.received.clear();
		}
	}

	/**
	 * Return the first received request that matches, waiting for one until the timeout.
	 * @param condition the condition to match
	 * @param timeout how long to wait
	 * @return the request, or {@code null} if none matched in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	@Nullable RecordedWebhook await(Predicate<RecordedWebhook> condition, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.received) {
			while (true) {
				for (RecordedWebhook webhook : this.received) {
					if (condition.test(webhook)) {
						return webhook;
					}
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return null;
				}
				this.received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
			}
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			HttpHeaders headers = new HttpHeaders();
			exchange.getRequestHeaders().forEach(headers::addAll);
			byte[] raw = exchange.getRequestBody().readAllBytes();
			RecordedWebhook webhook = record(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
					raw);
			int status = (webhook.error() != null) ? 400 : webhook.isAccepted() ? this.status : 401;
			exchange.sendResponseHeaders(status, -1);
		}
	}

	private RecordedWebhook record(String method, String path, HttpHeaders headers, byte[] raw) {
		byte[] body = raw;
		String error = null;
		try {
			ReceivedBody received = this.bodyReader.read(new ByteArrayInputStream(raw), raw.length,
					headers.getFirst(HttpHeaders.CONTENT_ENCODING));
			body = received.decoded();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException ex) {
			// the reader says what is wrong with the coding, as the starter answers it
			error = ex.getMessage();
		}
		JsonNode json = readTree(body);
		String lastSegment = path.substring(path.lastIndexOf('/') + 1);
		SignatureVerification verification = (this.scheme != null && error == null)
				? this.scheme.verify(headers, body, this.secrets, Instant.now(), this.tolerance) : null;
		RecordedWebhook webhook = new RecordedWebhook(method, path, headers, raw, body, json,
				this.eventTypeLocation.read(headers, json, lastSegment),
				(this.idLocation != null) ? this.idLocation.read(headers, json, lastSegment) : null, verification,
				error, Instant.now(), this.payloadLocation, this.jsonMapper);
		synchronized (this.received) {
			this.received.add(webhook);
			this.received.notifyAll();
		}
		return webhook;
	}

	private @Nullable JsonNode readTree(byte[] body) {
		try {
			return this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Return an AssertJ assertion on this recorder, for
	 * {@code Assertions.assertThat(recorder)}.
	 * @return the assertion
	 */
	@Override
	public WebhookRecorderAssert assertThat() {
		return new WebhookRecorderAssert(this);
	}

	/**
	 * Forget what was received before the test, as a JUnit extension.
	 * @param context the context of the test
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

	/**
	 * Stop after the last test of the class, as a JUnit extension.
	 * @param context the context of the test class
	 */
	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/**
	 * Stop receiving.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Override
	public String toString() {
		return "WebhookRecorder at " + url();
	}

	/**
	 * Builder of a {@link WebhookRecorder}.
	 */
	public static final class Builder {

		private @Nullable SignatureScheme scheme;

		private List<Secret> secrets = List.of();

		private Duration tolerance = Duration.ofMinutes(5);

		private ValueLocation eventTypeLocation = ValueLocation.parse("json:/type");

		private JsonPointer payloadLocation = JsonPointer.compile("/data");

		private int status = 200;

		private JsonMapper jsonMapper = JsonMapper.builder().build();

		private Builder() {
		}

		/**
		 * Verify signatures with a scheme, which also says where the webhook id is.
		 * @param scheme the scheme, such as {@code new StandardWebhooksSignatureScheme()}
		 * @param secrets the secrets, any of which may have signed a request
		 * @return this builder
		 */
		public Builder signature(SignatureScheme scheme, String... secrets) {
			Assert.notNull(scheme, "'scheme' must not be null");
			Assert.notEmpty(secrets, "At least one secret is required");
			this.scheme = scheme;
			this.secrets = Arrays.stream(secrets).map(Secret::of).toList();
			return this;
		}

		/**
		 * Verify signatures with a built-in scheme.
		 * @param scheme the name of the scheme, such as {@code standard} or {@code github}
		 * @param secrets the secrets, any of which may have signed a request
		 * @return this builder
		 * @throws IllegalArgumentException if no built-in scheme has that name
		 */
		public Builder signature(String scheme, String... secrets) {
			SignatureSchemes schemes = new SignatureSchemes(List.of());
			SignatureScheme builtIn = schemes.get(scheme);
			Assert.isTrue(builtIn != null,
					() -> "No built-in signature scheme is named '" + scheme + "'; use one of " + schemes.names());
			return signature(builtIn, secrets);
		}

		/**
		 * Set how far a signed timestamp may be from now. Defaults to 5 minutes.
		 * @param tolerance the tolerance
		 * @return this builder
		 */
		public Builder tolerance(Duration tolerance) {
			Assert.notNull(tolerance, "'tolerance' must not be null");
			this.tolerance = tolerance;
			return this;
		}

		/**
		 * Set where the event type is. Defaults to {@code json:/type}, where the starter's
		 * envelope has it.
		 * @param location {@code header:NAME}, {@code json:/pointer} or {@code path}
		 * @return this builder
		 */
		public Builder eventType(String location) {
			this.eventTypeLocation = ValueLocation.parse(location);
			return this;
		}

		/**
		 * Set where the payload is in the body. Defaults to {@code json:/data}, where the
		 * starter's envelope has it; {@code body} is the whole body, as endpoints with
		 * {@code envelope: raw} receive it.
		 * @param location {@code json:/pointer} or {@code body}
		 * @return this builder
		 */
		public Builder payload(String location) {
			JsonPointer pointer = "body".equalsIgnoreCase(location.trim()) ? JsonPointer.empty()
					: ValueLocation.parse(location).pointer();
			Assert.isTrue(pointer != null,
					() -> "Payload location '" + location + "' is neither 'json:/pointer' nor 'body'");
			this.payloadLocation = pointer;
			return this;
		}

		/**
		 * Set the status of the answer to an accepted request. Defaults to {@code 200}.
		 * @param status the status
		 * @return this builder
		 */
		public Builder status(int status) {
			this.status = status;
			return this;
		}

		/**
		 * Set the mapper that parses bodies and converts payloads.
		 * @param jsonMapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper jsonMapper) {
			Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
			this.jsonMapper = jsonMapper;
			return this;
		}

		/**
		 * Start the recorder on a random local port.
		 * @return the started recorder
		 */
		public WebhookRecorder start() {
			try {
				return new WebhookRecorder(this);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Failed to start a webhook recorder", ex);
			}
		}

	}

}
