package io.github.webhookstarter.outbound;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;

import io.github.webhookstarter.codec.Compression;
import io.github.webhookstarter.core.IntervalBackOff;
import io.github.webhookstarter.core.internal.MaskedUrls;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignedContent;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;

/**
 * An endpoint that webhooks are delivered to.
 *
 * @param name the unique name of the endpoint
 * @param description what the endpoint is for, or {@code null}
 * @param url where webhooks are sent
 * @param events the events the endpoint subscribes to
 * @param signatureScheme how webhooks to it are signed
 * @param secrets the secrets they are signed with, newest first
 * @param headers headers added to every request; names must be RFC 9110 tokens and values
 * single lines, and the headers the sender sets itself are refused: those of the body
 * ({@code Content-Type}, {@code Content-Length}, {@code Content-Encoding},
 * {@code Transfer-Encoding}), of the connection ({@code Host}, {@code Connection},
 * {@code Keep-Alive}, {@code Upgrade}, {@code TE}, {@code Trailer}, {@code Expect}) and of
 * the signature scheme
 * @param timeout the deadline of each attempt: connecting, sending the request and reading
 * the response, up to the part of its body that is kept, end within it whatever the client,
 * so a claim whose lease is longer outlives every attempt it makes
 * @param backOff when failed attempts are retried, or {@code null} for a single attempt
 * @param compression how bodies are compressed
 * @param ordered whether webhooks are delivered one at a time, in publish order
 * @param rateLimit the maximum number of requests per second, 0 for no limit
 * @param sslBundle the name of the SSL bundle of its connections, or {@code null}
 * @param proxy the HTTP proxy to connect through, or {@code null}
 * @param enabled whether webhooks are delivered to it
 * @param disableOnGone whether a {@code 410 Gone} answer disables it, rather than only failing
 * the delivery it answers
 * @param urlPolicy the policy its URL, and every address its host resolves to, is checked
 * against before each attempt, or {@code null} if it is trusted
 * @author Webhook Starter team
 */
public record WebhookEndpoint(String name, @Nullable String description, URI url, List<EventSelector> events,
		SignatureScheme signatureScheme, List<Secret> secrets, HttpHeaders headers, Duration timeout,
		@Nullable BackOff backOff, Compression compression, boolean ordered, double rateLimit,
		@Nullable String sslBundle, @Nullable URI proxy, boolean enabled, boolean disableOnGone,
		@Nullable UrlPolicy urlPolicy) {

	private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length",
			"content-encoding", "transfer-encoding", "host", "connection", "keep-alive", "upgrade", "te", "trailer",
			"expect");

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

	/**
	 * Create an endpoint.
	 * @throws IllegalArgumentException if a header may not be added
	 */
	public WebhookEndpoint {
		checkHeaders(headers, signatureHeaders(signatureScheme, secrets).stream()
			.map((header) -> header.toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet()));
	}

	/**
	 * Return the names of the headers that carry the signature of webhooks to this endpoint,
	 * as its scheme sets them, such as {@code webhook-id}, {@code webhook-timestamp} and
	 * {@code webhook-signature}: none if it has no secret.
	 * @return the header names, in the order the scheme sets them
	 */
	public List<String> signatureHeaders() {
		return signatureHeaders(this.signatureScheme, this.secrets);
	}

	private static List<String> signatureHeaders(SignatureScheme scheme, List<Secret> secrets) {
		if (secrets.isEmpty()) {
			return List.of();
		}
		// a scheme tells which headers it sets only by setting them
		return List.copyOf(scheme.sign(new SignedContent("msg", Instant.EPOCH, new byte[0]), secrets).headerNames());
	}

	private static void checkHeaders(HttpHeaders headers, Set<String> signatureHeaders) {
		headers.forEach((name, values) -> {
			Assert.isTrue(TOKEN.matcher(name).matches(), () -> "header name '" + name + "' is not a token");
			String lowerCase = name.toLowerCase(Locale.ROOT);
			Assert.isTrue(!RESERVED_HEADERS.contains(lowerCase),
					() -> "header '" + name + "' is set by the sender itself");
			Assert.isTrue(!signatureHeaders.contains(lowerCase),
					() -> "header '" + name + "' carries the signature, which the sender sets itself");
			for (String value : values) {
				Assert.isTrue(value.chars().noneMatch((c) -> (c < 0x20 && c != '\t') || c == 0x7f),
						() -> "header '" + name + "' has a control character, such as CR or LF, in its value");
			}
		});
	}

	/**
	 * Return whether the endpoint subscribes to an event in a phase.
	 * @param phase the phase
	 * @param type the event type
	 * @return whether it subscribes
	 */
	public boolean subscribes(EventPhase phase, String type) {
		return this.events.stream().anyMatch((selector) -> selector.matches(phase, type));
	}

	/**
	 * Return a copy of this endpoint whose URL is checked against a policy.
	 * @param urlPolicy the policy
	 * @return the copy
	 */
	public WebhookEndpoint withUrlPolicy(UrlPolicy urlPolicy) {
		return new WebhookEndpoint(this.name, this.description, this.url, this.events, this.signatureScheme,
				this.secrets, this.headers, this.timeout, this.backOff, this.compression, this.ordered, this.rateLimit,
				this.sslBundle, this.proxy, this.enabled, this.disableOnGone, urlPolicy);
	}

	/**
	 * Start building an endpoint, for an application that defines endpoints as beans rather
	 * than properties.
	 * @param name the unique name of the endpoint
	 * @param url where webhooks are sent
	 * @return a builder
	 */
	public static Builder builder(String name, URI url) {
		return new Builder(name, url);
	}

	@Override
	public String toString() {
		return "WebhookEndpoint{name='" + this.name + "', url=" + MaskedUrls.mask(this.url) + ", events=" + this.events
				+ "}";
	}

	/**
	 * Builds a {@link WebhookEndpoint} with the defaults of the endpoint properties: every event,
	 * the Standard Webhooks scheme and retry schedule, a 10 second timeout, no compression.
	 */
	public static final class Builder {

		private final String name;

		private final URI url;

		private @Nullable String description;

		private List<EventSelector> events = List.of(EventSelector.parse("*"));

		private SignatureScheme signatureScheme = new StandardWebhooksSignatureScheme();

		private List<Secret> secrets = List.of();

		private final HttpHeaders headers = new HttpHeaders();

		private Duration timeout = Duration.ofSeconds(10);

		private @Nullable BackOff backOff = IntervalBackOff.standardWebhooks();

		private Compression compression = Compression.NONE;

		private boolean ordered;

		private double rateLimit;

		private @Nullable String sslBundle;

		private @Nullable URI proxy;

		private boolean enabled = true;

		private boolean disableOnGone;

		private @Nullable UrlPolicy urlPolicy;

		private Builder(String name, URI url) {
			Assert.hasText(name, "Name must not be empty");
			Assert.notNull(url, "URL must not be null");
			this.name = name;
			this.url = url;
		}

		/**
		 * Set what the endpoint is for.
		 * @param description the description
		 * @return this builder
		 */
		public Builder description(String description) {
			this.description = description;
			return this;
		}

		/**
		 * Set the events the endpoint subscribes to.
		 * @param selectors event types or patterns, each optionally prefixed with
		 * {@code before:} or {@code after:}
		 * @return this builder
		 */
		public Builder events(String... selectors) {
			this.events = Arrays.stream(selectors).map(EventSelector::parse).toList();
			return this;
		}

		/**
		 * Set how webhooks are signed and the secrets they are signed with.
		 * @param signatureScheme the signature scheme
		 * @param secrets the secrets, newest first
		 * @return this builder
		 */
		public Builder signature(SignatureScheme signatureScheme, String... secrets) {
			this.signatureScheme = signatureScheme;
			this.secrets = Arrays.stream(secrets).map(Secret::of).toList();
			return this;
		}

		/**
		 * Add a header to every request.
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.add(name, value);
			return this;
		}

		/**
		 * Set the deadline of each attempt, connecting, sending and reading the response
		 * included.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set when failed attempts are retried.
		 * @param backOff the back-off, or {@code null} for a single attempt
		 * @return this builder
		 */
		public Builder backOff(@Nullable BackOff backOff) {
			this.backOff = backOff;
			return this;
		}

		/**
		 * Set how bodies are compressed.
		 * @param compression the compression
		 * @return this builder
		 */
		public Builder compression(Compression compression) {
			this.compression = compression;
			return this;
		}

		/**
		 * Set whether webhooks are delivered one at a time, in publish order.
		 * @param ordered whether delivery is ordered
		 * @return this builder
		 */
		public Builder ordered(boolean ordered) {
			this.ordered = ordered;
			return this;
		}

		/**
		 * Set the maximum number of requests per second.
		 * @param rateLimit the rate limit, 0 for none
		 * @return this builder
		 */
		public Builder rateLimit(double rateLimit) {
			this.rateLimit = rateLimit;
			return this;
		}

		/**
		 * Set the SSL bundle of connections to the endpoint.
		 * @param sslBundle the name of the SSL bundle
		 * @return this builder
		 */
		public Builder sslBundle(String sslBundle) {
			this.sslBundle = sslBundle;
			return this;
		}

		/**
		 * Set the HTTP proxy to connect through.
		 * @param proxy the proxy, as {@code http://host:port}
		 * @return this builder
		 */
		public Builder proxy(URI proxy) {
			this.proxy = proxy;
			return this;
		}

		/**
		 * Set whether webhooks are delivered to the endpoint.
		 * @param enabled whether the endpoint is enabled
		 * @return this builder
		 */
		public Builder enabled(boolean enabled) {
			this.enabled = enabled;
			return this;
		}

		/**
		 * Set whether a {@code 410 Gone} answer disables the endpoint.
		 * @param disableOnGone whether to disable the endpoint when it is gone
		 * @return this builder
		 */
		public Builder disableOnGone(boolean disableOnGone) {
			this.disableOnGone = disableOnGone;
			return this;
		}

		/**
		 * Set the policy the URL of the endpoint, and every address its host resolves to, is
		 * checked against before each attempt.
		 * @param urlPolicy the policy
		 * @return this builder
		 */
		public Builder urlPolicy(UrlPolicy urlPolicy) {
			this.urlPolicy = urlPolicy;
			return this;
		}

		/**
		 * Build the endpoint.
		 * @return the endpoint
		 */
		public WebhookEndpoint build() {
			Assert.notEmpty(this.secrets, () -> "Webhook endpoint '" + this.name + "' needs a secret");
			return new WebhookEndpoint(this.name, this.description, this.url, this.events, this.signatureScheme,
					this.secrets, HttpHeaders.copyOf(this.headers), this.timeout, this.backOff, this.compression,
					this.ordered, this.rateLimit, this.sslBundle, this.proxy, this.enabled, this.disableOnGone,
					this.urlPolicy);
		}

	}

}
