package io.github.webhookstarter.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.encoder.Encoder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
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
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.StringUtils;

import io.github.webhookstarter.signing.SignedContent;

/**
 * Sends a webhook message to an endpoint once: signs the body, compresses it as the endpoint
 * asks, posts it and reports what the endpoint answered. Redirects are never followed, and
 * I/O failures are reported in the {@link SendResult}, never thrown.
 * <p>
 * Each endpoint gets its own {@link ClientHttpRequestFactory}, built on first use with the
 * endpoint's timeout, SSL bundle and proxy, and kept until {@link #destroy()}.
 *
 * @author Webhook Starter team
 */
public final class WebhookSender implements DisposableBean {

	private static final Log logger = LogFactory.getLog(WebhookSender.class);

	private static final MediaType CANCEL_TYPE = MediaType.parseMediaType("application/vnd.webhook.cancel+json");

	private static final int EXCERPT_SIZE = 4096;

	private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

	private static final Pattern DELTA_SECONDS = Pattern.compile("-?\\d+");

	private final ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder;

	private final @Nullable SslBundles sslBundles;

	private final BooleanSupplier brotliAvailable;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final String userAgent;

	private final Map<ClientKey, ClientHttpRequestFactory> requestFactories = new ConcurrentHashMap<>();

	private final Set<String> uncompressedEndpoints = ConcurrentHashMap.newKeySet();

	private final ExecutorService jdkClientExecutor = Executors
		.newCachedThreadPool(new CustomizableThreadFactory("webhook-http-"));

	/**
	 * Create a new instance.
	 * @param requestFactoryBuilder builds the request factory of each endpoint
	 * @param sslBundles the SSL bundles that endpoints may name, or {@code null} if there are
	 * none
	 * @param brotliAvailable whether Brotli4j and its native library can be used
	 * @param jsonMapper reads the bodies of cancel responses
	 * @param clock gives the time requests start at, which is also the signed timestamp
	 * @param userAgent the {@code User-Agent} of every request
	 */
	public WebhookSender(ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, @Nullable SslBundles sslBundles,
			BooleanSupplier brotliAvailable, JsonMapper jsonMapper, Clock clock, String userAgent) {
		this.requestFactoryBuilder = requestFactoryBuilder;
		this.sslBundles = sslBundles;
		this.brotliAvailable = brotliAvailable;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.userAgent = userAgent;
	}

	/**
	 * Send a message to an endpoint, once.
	 * @param endpoint the endpoint
	 * @param message the message
	 * @return what happened
	 * @throws IllegalStateException if the endpoint names an SSL bundle that is not
	 * configured, or a proxy that the HTTP client in use cannot be given
	 */
	public SendResult send(WebhookEndpoint endpoint, WebhookMessage message) {
		ClientHttpRequestFactory requestFactory = getRequestFactory(endpoint);
		Instant startedAt = this.clock.instant();
		long start = System.nanoTime();
		try {
			ClientHttpRequest request = requestFactory.createRequest(endpoint.url(), HttpMethod.POST);
			HttpHeaders headers = request.getHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			headers.set(HttpHeaders.USER_AGENT, this.userAgent);
			headers.putAll(endpoint.headers());
			headers.putAll(endpoint.signatureScheme()
				.sign(new SignedContent(message.id(), startedAt, message.body()), endpoint.secrets()));
			byte[] body = encode(endpoint, message.body(), headers);
			// a known length spares receivers a chunked body
			headers.setContentLength(body.length);
			request.getBody().write(body);
			ClientHttpResponse response = request.execute();
			try {
				Duration duration = Duration.ofNanos(System.nanoTime() - start);
				return result(endpoint, response, startedAt, duration);
			}
			finally {
				close(response, requestFactory);
			}
		}
		catch (IOException ex) {
			return new SendResult(startedAt, Duration.ofNanos(System.nanoTime() - start), null, null,
					describe(ex, endpoint.timeout()), null, null);
		}
	}

	private ClientHttpRequestFactory getRequestFactory(WebhookEndpoint endpoint) {
		ClientKey key = new ClientKey(endpoint.name(), endpoint.timeout(), endpoint.sslBundle(), endpoint.proxy());
		return this.requestFactories.computeIfAbsent(key, this::createRequestFactory);
	}

	private ClientHttpRequestFactory createRequestFactory(ClientKey key) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(key.timeout(), key.timeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		if (key.sslBundle() != null) {
			settings = settings.withSslBundle(getSslBundle(key.endpoint(), key.sslBundle()));
		}
		return builderFor(key).build(settings);
	}

	private SslBundle getSslBundle(String endpoint, String name) {
		String message = "SSL bundle '" + name + "' of webhook endpoint '" + endpoint + "' is not configured";
		if (this.sslBundles == null) {
			throw new IllegalStateException(message);
		}
		try {
			return this.sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException(message, ex);
		}
	}

	private ClientHttpRequestFactoryBuilder<?> builderFor(ClientKey key) {
		URI proxy = key.proxy();
		if (this.requestFactoryBuilder instanceof JdkClientHttpRequestFactoryBuilder jdk) {
			// Spring writes every request body on a thread of the client's executor, or on a new
			// thread per request without one: a pool makes deliveries about 1.5 times faster
			JdkClientHttpRequestFactoryBuilder pooled = jdk
				.withHttpClientCustomizer((client) -> client.executor(this.jdkClientExecutor));
			// unlike a client customizer, this keeps any address filter of the settings in force;
			// the proxy is left unresolved so that each connection looks it up, not just the first
			return (proxy != null) ? pooled.withProxySelector(
					ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort()))) : pooled;
		}
		if (proxy == null) {
			return this.requestFactoryBuilder;
		}
		if (this.requestFactoryBuilder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents) {
			return HttpComponents.withProxy(httpComponents, proxy);
		}
		throw new IllegalStateException("Webhook endpoint '" + key.endpoint()
				+ "' has a proxy, which is supported with the JDK or Apache HttpClient 5 clients, not with "
				+ this.requestFactoryBuilder.getClass().getName());
	}

	private byte[] encode(WebhookEndpoint endpoint, byte[] body, HttpHeaders headers) throws IOException {
		return switch (endpoint.compression()) {
			case NONE -> body;
			case GZIP -> {
				headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
				yield gzip(body);
			}
			case BR -> {
				if (!this.brotliAvailable.getAsBoolean()) {
					if (this.uncompressedEndpoints.add(endpoint.name())) {
						logger.warn("Webhook endpoint '" + endpoint.name() + "' asks for br compression but "
								+ "Brotli4j is not available: its webhooks are sent uncompressed");
					}
					yield body;
				}
				headers.set(HttpHeaders.CONTENT_ENCODING, "br");
				yield Brotli.compress(body);
			}
		};
	}

	private static byte[] gzip(byte[] body) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write(body);
		}
		return compressed.toByteArray();
	}

	private SendResult result(WebhookEndpoint endpoint, ClientHttpResponse response, Instant startedAt,
			Duration duration) throws IOException {
		HttpStatusCode status = response.getStatusCode();
		HttpHeaders headers = response.getHeaders();
		byte[] excerpt = readExcerpt(response);
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

	/**
	 * Close a response without reading the rest of its body, however large, which closing
	 * the response alone would do to reuse the connection.
	 */
	private static void close(ClientHttpResponse response, ClientHttpRequestFactory requestFactory) {
		try {
			InputStream body = response.getBody();
			if (requestFactory instanceof HttpComponentsClientHttpRequestFactory) {
				HttpComponents.abort(body);
			}
			else {
				body.close();
			}
		}
		catch (IOException ex) {
			// the response is closed below all the same
		}
		response.close();
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

	private static String describe(IOException ex, Duration timeout) {
		for (Throwable candidate = ex; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof HttpTimeoutException || candidate instanceof InterruptedIOException
					|| candidate instanceof TimeoutException) {
				return "timeout after " + DurationFormatterUtils.print(timeout, DurationFormat.Style.COMPOSITE);
			}
		}
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
		for (ClientHttpRequestFactory requestFactory : this.requestFactories.values()) {
			if (requestFactory instanceof DisposableBean disposable) {
				disposable.destroy();
			}
		}
		this.requestFactories.clear();
		this.jdkClientExecutor.shutdownNow();
	}

	/**
	 * What the request factory of an endpoint is built from.
	 */
	private record ClientKey(String endpoint, Duration timeout, @Nullable String sslBundle, @Nullable URI proxy) {

	}

	/**
	 * Touches Apache HttpClient 5, an optional dependency, only when it is the client in use.
	 */
	private static final class HttpComponents {

		static ClientHttpRequestFactoryBuilder<?> withProxy(HttpComponentsClientHttpRequestFactoryBuilder builder,
				URI proxy) {
			HttpHost host = new HttpHost(proxy.getScheme(), proxy.getHost(), proxy.getPort());
			return builder.withHttpClientCustomizer((client) -> client.setProxy(host));
		}

		static void abort(InputStream body) throws IOException {
			// closing the body would read the rest of it, as closing the response does
			if (body instanceof EofSensorInputStream sensor) {
				sensor.abort();
			}
			else {
				body.close();
			}
		}

	}

	/**
	 * Touches Brotli4j, an optional dependency, only when it is available.
	 */
	private static final class Brotli {

		static byte[] compress(byte[] body) throws IOException {
			return Encoder.compress(body);
		}

	}

}
