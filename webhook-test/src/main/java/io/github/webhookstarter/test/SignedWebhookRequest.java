package io.github.webhookstarter.test;

import java.net.URI;
import java.net.http.HttpRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.RequestEntity;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A signed webhook {@code POST}, ready to be sent to an application's webhook endpoint with
 * MockMvc ({@link #toMockMvc()}) or a real HTTP client against the application's port
 * ({@link #toHttpRequest(URI)}, {@link #toRequestEntity(URI)}). Every form sends the same
 * path, headers and body bytes, those the signature was computed over.
 * <p>
 * Create one with {@link WebhookRequests}.
 *
 * @author Webhook Starter team
 */
public final class SignedWebhookRequest {

	private final String path;

	private final HttpHeaders headers;

	private final byte[] body;

	private final @Nullable String eventType;

	private final String id;

	SignedWebhookRequest(String path, HttpHeaders headers, byte[] body, @Nullable String eventType, String id) {
		this.path = path;
		this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		this.body = body;
		this.eventType = eventType;
		this.id = id;
	}

	/**
	 * Return the path the request is sent to, such as {@code /webhooks/github}.
	 * @return the request path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the headers of the request: content type and coding, event type and id where the
	 * scheme carries them, and the signature.
	 * @return the read-only headers
	 */
	public HttpHeaders headers() {
		return this.headers;
	}

	/**
	 * Return the body as sent, compressed if the request is.
	 * @return a copy of the body bytes
	 */
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * Return the event type the request carries.
	 * @return the event type, or {@code null} if none was given and the body carries none
	 */
	public @Nullable String eventType() {
		return this.eventType;
	}

	/**
	 * Return the webhook id that the request carries, where the scheme carries one, and that
	 * its signature covers, where the scheme signs one.
	 * @return the webhook id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Return the URI of the request below a base URI.
	 * @param baseUri the URI of the application, such as {@code http://localhost:8080}, with
	 * its context path if it has one
	 * @return the URI of the request
	 */
	public URI uri(URI baseUri) {
		String base = baseUri.toString();
		// the path is absolute: resolving it would drop a context path of the base
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + this.path);
	}

	/**
	 * Return the request for the JDK {@link java.net.http.HttpClient}.
	 * @param baseUri the URI of the application, such as
	 * {@code URI.create("http://localhost:" + port)} with a {@code @LocalServerPort}
	 * @return the request
	 */
	public HttpRequest toHttpRequest(URI baseUri) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(baseUri))
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.body));
		this.headers.forEach((name, values) -> values.forEach((value) -> builder.header(name, value)));
		return builder.build();
	}

	/**
	 * Return the request as a {@link RequestEntity}, for {@code RestTemplate}
	 * or {@code TestRestTemplate}.
	 * @param baseUri the URI of the application, such as
	 * {@code URI.create("http://localhost:" + port)} with a {@code @LocalServerPort}
	 * @return the request
	 */
	public RequestEntity<byte[]> toRequestEntity(URI baseUri) {
		return RequestEntity.post(uri(baseUri)).headers(this.headers).body(this.body);
	}

	/**
	 * Return the request for MockMvc, to be performed as it is or with more settings.
	 * @return a request builder for the path, headers and body of this request
	 */
	public MockHttpServletRequestBuilder toMockMvc() {
		return MockMvcRequestBuilders.post(URI.create(this.path)).headers(this.headers).content(this.body);
	}

	@Override
	public String toString() {
		return "SignedWebhookRequest{path='" + this.path + "', eventType='" + this.eventType + "', id='" + this.id
				+ "'}";
	}

}
