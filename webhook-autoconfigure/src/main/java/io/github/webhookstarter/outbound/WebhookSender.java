package io.github.webhookstarter.outbound;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.StringUtils;

import io.github.webhookstarter.codec.Compression;
import io.github.webhookstarter.signing.SignedContent;

/**
 * Sends a webhook message to an endpoint once: signs the body, compresses it as the endpoint
 * asks, posts it and reports what the endpoint answered. Redirects are never followed, and
 * failures are reported in the {@link SendResult}, never thrown.
 * <p>
 * Each attempt ends by the endpoint's {@link WebhookEndpoint#timeout() timeout}, whatever the
 * client: connecting, sending and reading the response, up to the part of its body that is
 * kept, all happen before it, and an exchange still running then is aborted and its
 * connection closed. Each endpoint's client comes from {@link EndpointClients}; with the JDK
 * client, the default, requests are sent asynchronously, without a thread waiting for each.
 * <p>
 * For an endpoint with a {@linkplain WebhookEndpoint#urlPolicy() URL policy}, its host is
 * resolved before each attempt and every address it resolves to checked: an address the policy refuses makes the attempt fail,
 * with the policy's reason as its error, and no request is sent. The HTTP client then
 * resolves the host again to connect; only the clients that {@link EndpointClients} can give
 * an address filter (Apache HttpClient 5, Jetty, Reactor Netty) connect only to addresses
 * that pass, while with the JDK {@code HttpClient} a host whose DNS answers change between the
 * two lookups (DNS rebinding) may still be reached at an address that was not checked. With a
 * proxy, the host is resolved here all the same, though the proxy resolves it for the
 * request.
 * <p>
 * Not API: public so that the auto-configuration can create it, which backs off when the
 * application defines a bean of this type; applications do not call it.
 *
 * @author Webhook Starter team
 */
public final class WebhookSender implements DisposableBean {

	private static final Log logger = LogFactory.getLog(WebhookSender.class);

	private static final MediaType CANCEL_TYPE = MediaType.parseMediaType("application/vnd.webhook.cancel+json");

	private static final int EXCERPT_SIZE = 4096;

	private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

	private static final Pattern DELTA_SECONDS = Pattern.compile("-?\\d+");

	private final EndpointClients clients;

	private final BooleanSupplier brotliAvailable;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final String userAgent;

	private final Set<String> uncompressedEndpoints = ConcurrentHashMap.newKeySet();

	private final ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1,
			new CustomizableThreadFactory("webhook-deadline-"));

	// the asynchronous exchanges in progress, aborted when this sender is destroyed
	private final Set<CompletableFuture<?>> exchanges = ConcurrentHashMap.newKeySet();

	/**
	 * Create a new instance.
	 * @param clients the HTTP clients of the endpoints, destroyed with this sender
	 * @param brotliAvailable whether Brotli4j and its native library can be used
	 * @param jsonMapper reads the bodies of cancel responses
	 * @param clock gives the time requests start at, which is also the signed timestamp
	 * @param userAgent the {@code User-Agent} of every request
	 */
	public WebhookSender(EndpointClients clients, BooleanSupplier brotliAvailable, JsonMapper jsonMapper, Clock clock,
			String userAgent) {
		this.clients = clients;
		this.brotliAvailable = brotliAvailable;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.userAgent = userAgent;
		// most attempts finish well before their deadline, which need not be kept until then
		this.deadlines.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Send a message to an endpoint, once, within the endpoint's timeout, and wait for the
	 * result. Nothing is thrown: any failure, from a refused connection or a deadline that
	 * passed before a complete answer to a client that cannot be built, is a result with an
	 * {@link SendResult#error() error} and no status, so that the caller retries it as any
	 * other failed attempt.
	 * @param endpoint the endpoint
	 * @param message the message
	 * @return what happened
	 */
	public SendResult send(WebhookEndpoint endpoint, WebhookMessage message) {
		return isAsynchronous() ? sendAsync(endpoint, message).join() : sendWithRequestFactory(endpoint, message);
	}

	/**
	 * Send a message to an endpoint, once, within the endpoint's timeout. With the JDK
	 * client, the request is started on the calling thread and the result completes on the
	 * client's executor, no thread waiting for the answer; with other clients, the whole
	 * exchange is made on the calling thread and the future returned is complete. As with
	 * {@link #send}, a failure is a result with an {@link SendResult#error() error}.
	 * @param endpoint the endpoint
	 * @param message the message
	 * @return what happens
	 */
	CompletableFuture<SendResult> sendAsync(WebhookEndpoint endpoint, WebhookMessage message) {
		if (!isAsynchronous()) {
			return CompletableFuture.completedFuture(sendWithRequestFactory(endpoint, message));
		}
		Instant startedAt = this.clock.instant();
		long start = System.nanoTime();
		SendResult refused = checkUrlPolicy(endpoint, startedAt, start);
		if (refused != null) {
			return CompletableFuture.completedFuture(refused);
		}
		try {
			EndpointClients.JdkClient client = this.clients.getJdkClient(endpoint);
			HttpHeaders headers = requestHeaders(endpoint, message, startedAt);
			byte[] body = encode(endpoint, message.body(), headers);
			// the JDK client sets the Content-Length of a byte array itself
			HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
				.timeout(client.readTimeout())
				.POST(new DeadlineBodyPublisher(HttpRequest.BodyPublishers.ofByteArray(body),
						start + endpoint.timeout().toNanos()));
			headers.forEach((name, values) -> values.forEach((value) -> request.header(name, value)));
			CompletableFuture<HttpResponse<Excerpt>> exchange = client.httpClient()
				.sendAsync(request.build(), Excerpt::subscriber);
			this.exchanges.add(exchange);
			// only the client's own future aborts the exchange and closes its connection when
			// cancelled (JDK 16 and later), not one that depends on it
			ScheduledFuture<?> expiry = this.deadlines.schedule(() -> exchange.cancel(true),
					endpoint.timeout().toNanos(), TimeUnit.NANOSECONDS);
			// on the client's executor: the JDK completes its futures on the common pool (with JDK
			// 17 on two cores or fewer, on a new thread each), where the caller's stages would run
			return exchange.handleAsync((response, ex) -> {
				this.exchanges.remove(exchange);
				if (!expiry.cancel(false)) {
					// aborted at the deadline, which may also have ended the excerpt early
					return noCompleteAnswer(endpoint, startedAt, start);
				}
				if (ex != null) {
					Throwable failure = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause()
							: ex;
					return failed(endpoint, startedAt, start, failure, deadlinePassed(start, endpoint.timeout()));
				}
				Excerpt excerpt = response.body();
				if (excerpt.failed() && deadlinePassed(start, endpoint.timeout())) {
					// the client's own timeout, when as long as the deadline, cut the body first
					return noCompleteAnswer(endpoint, startedAt, start);
				}
				HttpHeaders responseHeaders = new HttpHeaders();
				response.headers().map().forEach(responseHeaders::addAll);
				return result(endpoint, HttpStatusCode.valueOf(response.statusCode()), responseHeaders,
						excerpt.bytes(), startedAt, Duration.ofNanos(excerpt.respondedAt() - start));
			}, client.executor());
		}
		catch (Exception ex) {
			return CompletableFuture.completedFuture(failed(endpoint, startedAt, start, ex, false));
		}
	}

	/**
	 * Return whether {@link #sendAsync} sends without the calling thread, which it does with
	 * the JDK client.
	 * @return whether requests are sent asynchronously
	 */
	boolean isAsynchronous() {
		return this.clients.isAsynchronous();
	}

	private SendResult sendWithRequestFactory(WebhookEndpoint endpoint, WebhookMessage message) {
		Instant startedAt = this.clock.instant();
		long start = System.nanoTime();
		SendResult refused = checkUrlPolicy(endpoint, startedAt, start);
		if (refused != null) {
			return refused;
		}
		try (Deadline deadline = Deadline.start(this.deadlines, endpoint.timeout())) {
			try {
				return exchange(endpoint, message, startedAt, start, deadline);
			}
			catch (Exception ex) {
				deadline.finish();
				return failed(endpoint, startedAt, start, ex, deadline.hasPassed());
			}
		}
	}

	/**
	 * Resolve the endpoint's host and check every address against its URL policy, if any.
	 * @return a failed result if the policy refuses the URL or the host cannot be resolved,
	 * else {@code null}
	 */
	private @Nullable SendResult checkUrlPolicy(WebhookEndpoint endpoint, Instant startedAt, long start) {
		UrlPolicy policy = endpoint.urlPolicy();
		if (policy == null) {
			return null;
		}
		try {
			policy.resolve(endpoint.url());
			return null;
		}
		catch (UrlPolicyViolationException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Webhook to endpoint '" + endpoint.name() + "' " + ex.getMessage());
			}
			return new SendResult(startedAt, Duration.ofNanos(System.nanoTime() - start), null, null, ex.getMessage(),
					null, null);
		}
		catch (IOException ex) {
			return failed(endpoint, startedAt, start, ex, false);
		}
	}

	private static boolean deadlinePassed(long start, Duration timeout) {
		return System.nanoTime() - start - timeout.toNanos() >= 0;
	}

	private SendResult failed(WebhookEndpoint endpoint, Instant startedAt, long start, Throwable ex,
			boolean deadlinePassed) {
		if (deadlinePassed) {
			return noCompleteAnswer(endpoint, startedAt, start);
		}
		if (!(ex instanceof IOException)) {
			logger.debug("Webhook to endpoint '" + endpoint.name() + "' failed", ex);
		}
		return new SendResult(startedAt, Duration.ofNanos(System.nanoTime() - start), null, null, describe(ex), null,
				null);
	}

	private SendResult exchange(WebhookEndpoint endpoint, WebhookMessage message, Instant startedAt, long start,
			Deadline deadline) throws IOException {
		ClientHttpRequestFactory requestFactory = this.clients.get(endpoint);
		ClientHttpRequest request = requestFactory.createRequest(endpoint.url(), HttpMethod.POST);
		HttpHeaders headers = requestHeaders(endpoint, message, startedAt);
		byte[] body = encode(endpoint, message.body(), headers);
		request.getHeaders().putAll(headers);
		// a known length spares receivers a chunked body
		request.getHeaders().setContentLength(body.length);
		request.getBody().write(body);
		ClientHttpResponse response = request.execute();
		try {
			deadline.onExpiry(() -> EndpointClients.discard(response, requestFactory));
			Duration duration = Duration.ofNanos(System.nanoTime() - start);
			SendResult result = result(endpoint, response.getStatusCode(), response.getHeaders(),
					readExcerpt(response), startedAt, duration);
			if (deadline.finish()) {
				// the excerpt may have been cut: an answer is complete only up to it
				return noCompleteAnswer(endpoint, startedAt, start);
			}
			return result;
		}
		finally {
			EndpointClients.discard(response, requestFactory);
		}
	}

	private HttpHeaders requestHeaders(WebhookEndpoint endpoint, WebhookMessage message, Instant startedAt) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set(HttpHeaders.USER_AGENT, this.userAgent);
		headers.putAll(endpoint.headers());
		headers.putAll(endpoint.signatureScheme()
			.sign(new SignedContent(message.id(), startedAt, message.body()), endpoint.secrets()));
		return headers;
	}

	private static SendResult noCompleteAnswer(WebhookEndpoint endpoint, Instant startedAt, long start) {
		String error = "no complete answer within "
				+ DurationFormatterUtils.print(endpoint.timeout(), DurationFormat.Style.COMPOSITE);
		return new SendResult(startedAt, Duration.ofNanos(System.nanoTime() - start), null, null, error, null, null);
	}

	private byte[] encode(WebhookEndpoint endpoint, byte[] body, HttpHeaders headers) throws IOException {
		Compression compression = endpoint.compression();
		if (compression == Compression.BR && !this.brotliAvailable.getAsBoolean()) {
			if (this.uncompressedEndpoints.add(endpoint.name())) {
				logger.warn("Webhook endpoint '" + endpoint.name() + "' asks for br compression but "
						+ "Brotli4j is not available: its webhooks are sent uncompressed");
			}
			return body;
		}
		String contentEncoding = compression.contentEncoding();
		if (contentEncoding != null) {
			headers.set(HttpHeaders.CONTENT_ENCODING, contentEncoding);
		}
		return compression.compress(body);
	}

	private SendResult result(WebhookEndpoint endpoint, HttpStatusCode status, HttpHeaders headers, byte[] excerpt,
			Instant startedAt, Duration duration) {
		Duration retryAfter = (status.isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS)
				|| status.isSameCodeAs(HttpStatus.SERVICE_UNAVAILABLE)) ? retryAfter(headers) : null;
		String cancelReason = (status.is2xxSuccessful() && isCancel(headers)) ? cancelReason(endpoint, excerpt)
				: null;
		String responseExcerpt = (excerpt.length > 0) ? new String(excerpt, StandardCharsets.UTF_8) : null;
		return new SendResult(startedAt, duration, status.value(), responseExcerpt, null, retryAfter,
				cancelReason);
	}

	private static byte[] readExcerpt(ClientHttpResponse response) {
		try {
			// never more: the rest of a large body is left unread when the response is closed
			return response.getBody().readNBytes(EXCERPT_SIZE);
		}
		catch (IOException ex) {
			// the endpoint has answered with its status, which counts more than the excerpt
			return new byte[0];
		}
	}

	private @Nullable Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		Duration delay;
		if (DELTA_SECONDS.matcher(trimmed).matches()) {
			// bounded before conversion, as the digits may be more than a long holds
			delay = Duration.ofSeconds(new BigInteger(trimmed).max(BigInteger.ZERO)
				.min(BigInteger.valueOf(MAX_RETRY_AFTER.toSeconds()))
				.longValue());
		}
		else {
			ZonedDateTime date;
			try {
				date = headers.getFirstZonedDateTime(HttpHeaders.RETRY_AFTER);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
			delay = Duration.between(this.clock.instant(), date);
		}
		if (delay.isNegative()) {
			return Duration.ZERO;
		}
		return (delay.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : delay;
	}

	private static boolean isCancel(HttpHeaders headers) {
		try {
			MediaType contentType = headers.getContentType();
			// the exact type: a wildcard sent by mistake must not veto an event
			return contentType != null && CANCEL_TYPE.equalsTypeAndSubtype(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private String cancelReason(WebhookEndpoint endpoint, byte[] body) {
		try {
			JsonNode reason = this.jsonMapper.readTree(body).path("reason");
			if (reason.isString() && StringUtils.hasText(reason.stringValue())) {
				return reason.stringValue();
			}
		}
		catch (JacksonException ex) {
			// the content type is what cancels: a body that is not JSON only loses the reason
		}
		return "cancelled by endpoint " + endpoint.name();
	}

	private static String describe(Throwable ex) {
		// the JDK client throws exceptions without a message, whose causes may say more
		Throwable cause = ex;
		while (cause.getMessage() == null && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (cause != ex) ? ex.getClass().getName() + ": " + cause : ex.toString();
	}

	/**
	 * Release the connections of every endpoint.
	 * @throws Exception if a request factory fails to release its connections
	 */
	@Override
	public void destroy() throws Exception {
		this.exchanges.forEach((exchange) -> exchange.cancel(true));
		this.deadlines.shutdownNow();
		this.clients.destroy();
	}

	/**
	 * At most the first {@link #EXCERPT_SIZE} bytes of a response body, and when its head
	 * arrived.
	 *
	 * @param bytes the excerpt
	 * @param respondedAt the {@link System#nanoTime()} of the head of the response
	 * @param failed whether reading the body failed, which leaves the excerpt empty
	 */
	private record Excerpt(byte[] bytes, long respondedAt, boolean failed) {

		static HttpResponse.BodySubscriber<Excerpt> subscriber(HttpResponse.ResponseInfo info) {
			return new ExcerptSubscriber(System.nanoTime());
		}

	}

	/**
	 * Keeps the first {@link #EXCERPT_SIZE} bytes of a response body and cancels the rest,
	 * which closes the connection, rather than reading a body however large or slow.
	 */
	private static final class ExcerptSubscriber implements HttpResponse.BodySubscriber<Excerpt> {

		private final CompletableFuture<Excerpt> excerpt = new CompletableFuture<>();

		private final byte[] bytes = new byte[EXCERPT_SIZE];

		private final long respondedAt;

		private int length;

		private Flow.@Nullable Subscription subscription;

		ExcerptSubscriber(long respondedAt) {
			this.respondedAt = respondedAt;
		}

		@Override
		public CompletionStage<Excerpt> getBody() {
			return this.excerpt;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			for (ByteBuffer buffer : buffers) {
				int count = Math.min(buffer.remaining(), this.bytes.length - this.length);
				buffer.get(this.bytes, this.length, count);
				this.length += count;
			}
			if (this.length == this.bytes.length && !this.excerpt.isDone()) {
				complete(this.bytes, false);
				Flow.Subscription subscription = this.subscription;
				if (subscription != null) {
					subscription.cancel();
				}
			}
		}

		@Override
		public void onError(Throwable failure) {
			// the endpoint has answered with its status, which counts more than the excerpt
			complete(new byte[0], true);
		}

		@Override
		public void onComplete() {
			complete(Arrays.copyOf(this.bytes, this.length), false);
		}

		private void complete(byte[] bytes, boolean failed) {
			this.excerpt.complete(new Excerpt(bytes, this.respondedAt, failed));
		}

	}

}
