package io.github.webhookstarter.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.InetAddressFilter;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The HTTP clients of webhook endpoints, one per endpoint, built from the application's
 * {@link HttpClientSettings} ({@code spring.http.clients.*}) and the endpoint's own settings.
 * With the JDK client, the default, each endpoint has a {@link HttpClient} of its own, built
 * with a {@link JdkHttpClientBuilder}, which {@link WebhookSender} uses asynchronously: no
 * thread waits for an answer. Customizations of the application's
 * {@link JdkClientHttpRequestFactoryBuilder} do not apply to it. With any other client, each
 * endpoint has a {@link ClientHttpRequestFactory} built by the application's
 * {@link ClientHttpRequestFactoryBuilder}. Either way, the endpoint's settings win:
 * <ul>
 * <li>the connect and read timeouts are those of the application when shorter than the
 * endpoint's timeout, else the endpoint's timeout, which is the deadline of a whole
 * attempt;</li>
 * <li>the endpoint's SSL bundle replaces the application's;</li>
 * <li>the endpoint's proxy is used with the JDK and Apache HttpClient 5 clients, the only
 * ones that can be given one;</li>
 * <li>redirects are never followed, whatever the application's settings;</li>
 * <li>an endpoint whose {@linkplain WebhookEndpoint#urlPolicy() URL policy} refuses addresses
 * that are not public, and which has no proxy, gets an {@link InetAddressFilter} that refuses them too, besides any of the
 * application: Apache HttpClient 5, Jetty and Reactor Netty then connect only to addresses
 * that passed it, as they filter what their resolver answers; the JDK client checks the
 * addresses before each request but resolves the host again to connect.</li>
 * </ul>
 * The auto-configuration builds the clients of the configured endpoints at startup with
 * {@link #prepare}; an endpoint known later gets its client when first sent to. With the JDK
 * client, each prepared endpoint has a client, and a connection pool, of its own, while
 * endpoints known later, such as the many dynamic subscriptions, share one when their settings
 * are alike.
 * <p>
 * Not API: public so that the auto-configuration can create the clients of a
 * {@link WebhookSender}; applications do not call it.
 *
 * @author Webhook Starter team
 */
public final class EndpointClients implements DisposableBean {

	private final ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder;

	private final HttpClientSettings settings;

	private final @Nullable SslBundles sslBundles;

	private final Map<ClientKey, ClientHttpRequestFactory> requestFactories = new ConcurrentHashMap<>();

	private final Map<ClientKey, JdkClient> jdkClients = new ConcurrentHashMap<>();

	// the endpoints prepared at startup, the configured ones, each with a JDK client of its own
	private final Set<String> ownClients = ConcurrentHashMap.newKeySet();

	private final ExecutorService jdkClientExecutor = Executors
		.newCachedThreadPool(new CustomizableThreadFactory("webhook-http-"));

	/**
	 * Create a new instance.
	 * @param requestFactoryBuilder builds the request factory of each endpoint
	 * @param settings the application's settings of HTTP clients, which an endpoint's own
	 * settings override
	 * @param sslBundles the SSL bundles that endpoints may name, or {@code null} if there are
	 * none
	 */
	public EndpointClients(ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, HttpClientSettings settings,
			@Nullable SslBundles sslBundles) {
		this.requestFactoryBuilder = requestFactoryBuilder;
		this.settings = settings;
		this.sslBundles = sslBundles;
	}

	/**
	 * Return whether endpoints may have a proxy, which only the JDK and Apache HttpClient 5
	 * clients can be given.
	 * @return whether the client in use supports a proxy per endpoint
	 */
	public boolean supportsProxy() {
		return this.requestFactoryBuilder instanceof JdkClientHttpRequestFactoryBuilder
				|| this.requestFactoryBuilder instanceof HttpComponentsClientHttpRequestFactoryBuilder;
	}

	/**
	 * Build the client of an endpoint now rather than when it is first sent to, so that a
	 * client that cannot be built stops startup rather than every delivery.
	 * @param endpoint the endpoint
	 * @throws IllegalStateException if the endpoint names an SSL bundle that is not
	 * configured, or has a proxy that the client in use cannot be given
	 */
	public void prepare(WebhookEndpoint endpoint) {
		this.ownClients.add(endpoint.name());
		if (isAsynchronous()) {
			getJdkClient(endpoint);
		}
		else {
			get(endpoint);
		}
	}

	/**
	 * Return whether the endpoints' clients are JDK clients, which {@link #getJdkClient}
	 * gives, rather than request factories, which {@link #get} gives.
	 * @return whether requests are sent asynchronously
	 */
	boolean isAsynchronous() {
		return this.requestFactoryBuilder instanceof JdkClientHttpRequestFactoryBuilder;
	}

	ClientHttpRequestFactory get(WebhookEndpoint endpoint) {
		return this.requestFactories.computeIfAbsent(key(endpoint), this::createRequestFactory);
	}

	JdkClient getJdkClient(WebhookEndpoint endpoint) {
		return this.jdkClients.computeIfAbsent(key(endpoint), this::createJdkClient);
	}

	private ClientKey key(WebhookEndpoint endpoint) {
		UrlPolicy policy = endpoint.urlPolicy();
		boolean publicOnly = policy != null && !policy.isAllowPrivate() && endpoint.proxy() == null;
		// endpoints alike share a client, such as the many dynamic subscriptions; one with an SSL
		// bundle or a proxy has its own, whose errors name it, and so does a configured one: the
		// JDK client's pool walks the list of its idle connections, to every destination, each
		// time it takes one back, which made endpoints sharing a client pay for each other's
		String owner = (endpoint.sslBundle() != null || endpoint.proxy() != null
				|| (isAsynchronous() && this.ownClients.contains(endpoint.name()))) ? endpoint.name() : "";
		return new ClientKey(owner, endpoint.timeout(), endpoint.sslBundle(), endpoint.proxy(),
				"https".equalsIgnoreCase(endpoint.url().getScheme()), publicOnly);
	}

	private ClientHttpRequestFactory createRequestFactory(ClientKey key) {
		return builderFor(key).build(settings(key));
	}

	private JdkClient createJdkClient(ClientKey key) {
		HttpClientSettings settings = settings(key);
		// HTTP/2 only where TLS negotiates it (ALPN): on plain http the JDK client would offer
		// an "Upgrade: h2c" with every request, which some receivers and proxies refuse
		HttpClient.Version version = key.secure() ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
		JdkHttpClientBuilder builder = new JdkHttpClientBuilder().withExecutor(this.jdkClientExecutor)
			.withCustomizer((client) -> client.version(version));
		URI proxy = key.proxy();
		if (proxy != null) {
			// unlike a client customizer, this keeps any address filter of the settings in force;
			// the proxy is left unresolved so that each connection looks it up, not just the first
			builder = builder.withProxySelector(
					ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort())));
		}
		// the JDK client has no read timeout of its own: it is each request's, as with Spring
		HttpClient httpClient = builder.build(settings.withReadTimeout(null));
		return new JdkClient(httpClient, Objects.requireNonNull(settings.readTimeout()), this.jdkClientExecutor);
	}

	private HttpClientSettings settings(ClientKey key) {
		HttpClientSettings settings = this.settings
			.withTimeouts(shortest(this.settings.connectTimeout(), key.timeout()),
					shortest(this.settings.readTimeout(), key.timeout()))
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		if (key.sslBundle() != null) {
			settings = settings.withSslBundle(getSslBundle(key.endpoint(), key.sslBundle()));
		}
		// with a proxy, some clients filter the proxy's address, which may well be private
		if (key.publicOnly()) {
			InetAddressFilter publicOnly = InetAddressFilter
				.adapt((address) -> UrlPolicy.nonPublicKind(address) == null);
			InetAddressFilter application = settings.inetAddressFilter();
			settings = settings
				.withInetAddressFilter((application != null) ? application.and(publicOnly) : publicOnly);
		}
		return settings;
	}

	private static Duration shortest(@Nullable Duration application, Duration endpoint) {
		return (application != null && application.compareTo(endpoint) < 0) ? application : endpoint;
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
		if (this.requestFactoryBuilder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents) {
			return HttpComponents.customize(httpComponents, proxy);
		}
		if (proxy != null) {
			throw new IllegalStateException("Webhook endpoint '" + key.endpoint()
					+ "' has a proxy, which is supported with the JDK or Apache HttpClient 5 clients, not with "
					+ this.requestFactoryBuilder.getClass().getName());
		}
		return this.requestFactoryBuilder;
	}

	/**
	 * Close a response without reading the rest of its body, however large, which closing
	 * the response alone would do to reuse the connection. Safe to call from another thread
	 * while the body is being read, which then fails.
	 * @param response the response
	 * @param requestFactory the request factory the response came from
	 */
	static void discard(ClientHttpResponse response, ClientHttpRequestFactory requestFactory) {
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

	/**
	 * Release the connections of every endpoint.
	 * @throws Exception if a request factory fails to release its connections
	 */
	@Override
	public void destroy() throws Exception {
		try {
			for (ClientHttpRequestFactory requestFactory : this.requestFactories.values()) {
				if (requestFactory instanceof DisposableBean disposable) {
					disposable.destroy();
				}
			}
			this.requestFactories.clear();
			this.jdkClients.clear();
		}
		finally {
			this.jdkClientExecutor.shutdownNow();
		}
	}

	/**
	 * The JDK client of an endpoint.
	 *
	 * @param httpClient the client
	 * @param readTimeout the timeout of each request, up to the head of its response
	 * @param executor the client's executor, which the client's asynchronous exchanges and
	 * what depends on them run on
	 */
	record JdkClient(HttpClient httpClient, Duration readTimeout, Executor executor) {

	}

	/**
	 * What the client of an endpoint is built from.
	 */
	private record ClientKey(String endpoint, Duration timeout, @Nullable String sslBundle, @Nullable URI proxy,
			boolean secure, boolean publicOnly) {

	}

	/**
	 * Touches Apache HttpClient 5, an optional dependency, only when it is the client in use.
	 */
	private static final class HttpComponents {

		static ClientHttpRequestFactoryBuilder<?> customize(HttpComponentsClientHttpRequestFactoryBuilder builder,
				@Nullable URI proxy) {
			return builder.withHttpClientCustomizer((client) -> {
				// the exchange runs on the thread of the attempt, where its deadline learns how
				// to abort it: cancelling the request shuts its connection down, which no
				// timeout of the client does for a receiver that answers a byte at a time
				client.addExecInterceptorFirst("webhook-deadline", (request, scope, chain) -> {
					Deadline deadline = Deadline.current();
					if (deadline != null && scope.originalRequest instanceof Cancellable cancellable) {
						deadline.onExpiry(cancellable::cancel);
					}
					return chain.proceed(request, scope);
				});
				if (proxy != null) {
					client.setProxy(new HttpHost(proxy.getScheme(), proxy.getHost(), proxy.getPort()));
				}
			});
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

}
