package io.github.webhookstarter.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import io.github.webhookstarter.codec.Compression;
import io.github.webhookstarter.inbound.InboundMode;
import io.github.webhookstarter.inbound.SignedBytes;
import io.github.webhookstarter.outbound.BeforePhaseFailure;
import io.github.webhookstarter.outbound.Envelope;
import io.github.webhookstarter.signing.SignatureEncoding;

/**
 * Configuration properties of the webhook starter.
 *
 * @author Webhook Starter team
 */
@ConfigurationProperties("webhook")
public class WebhookProperties {

	/**
	 * Where received calls and deliveries are stored: auto (JDBC when the application has a
	 * DataSource, else memory), memory or jdbc.
	 */
	private StoreType store = StoreType.AUTO;

	/**
	 * How long processed calls and delivered messages are kept before they are purged.
	 */
	private Duration retention = Duration.ofDays(7);

	private final Inbound inbound = new Inbound();

	private final Outbound outbound = new Outbound();

	public StoreType getStore() {
		return this.store;
	}

	public void setStore(StoreType store) {
		this.store = store;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public Inbound getInbound() {
		return this.inbound;
	}

	public Outbound getOutbound() {
		return this.outbound;
	}

	/**
	 * Where received calls and deliveries are stored.
	 */
	public enum StoreType {

		/**
		 * JDBC when the application has a DataSource, else memory.
		 */
		AUTO,

		/**
		 * In memory: fast, not durable.
		 */
		MEMORY,

		/**
		 * In the application's database, durable and shared by its instances.
		 */
		JDBC

	}

	/**
	 * Properties of the inbound side: the endpoint that receives webhooks.
	 */
	public static class Inbound {

		/**
		 * Whether to receive webhooks.
		 */
		private boolean enabled = true;

		/**
		 * Path under which each source answers, at "{path}/{source}".
		 */
		private String path = "/webhooks";

		/**
		 * Maximum size of a request body as received on the wire.
		 */
		private DataSize maxBodySize = DataSize.ofMegabytes(1);

		/**
		 * Maximum size of a request body after br, gzip or deflate decoding.
		 */
		private DataSize maxDecodedSize = DataSize.ofMegabytes(10);

		/**
		 * Maximum ratio of decoded to received body size, for every content encoding alike.
		 */
		private double maxInflateRatio = 100;

		/**
		 * How received webhooks are dispatched to listeners: stored and answered 202 before
		 * dispatch, or dispatched before answering 200.
		 */
		private InboundMode mode = InboundMode.ASYNC;

		/**
		 * Maximum number of stored webhooks dispatched to listeners at the same time, in
		 * async mode.
		 */
		private int concurrency = 4;

		/**
		 * How often stored webhooks that are due for a retry are looked for, in async mode.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * How long a worker's claim of a stored call holds before another worker may claim it
		 * again, should the first have died. Renewed while the listeners run.
		 */
		private Duration lease = Duration.ofMinutes(5);

		/**
		 * Retries of listeners that fail in async mode.
		 */
		@NestedConfigurationProperty
		private final Backoff backoff = new Backoff();

		/**
		 * In-memory store of received webhooks, the default when the application has no DataSource.
		 */
		private final Memory memory = new Memory();

		/**
		 * Sources of webhooks, by name.
		 */
		private final Map<String, Source> sources = new LinkedHashMap<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public DataSize getMaxDecodedSize() {
			return this.maxDecodedSize;
		}

		public void setMaxDecodedSize(DataSize maxDecodedSize) {
			this.maxDecodedSize = maxDecodedSize;
		}

		public double getMaxInflateRatio() {
			return this.maxInflateRatio;
		}

		public void setMaxInflateRatio(double maxInflateRatio) {
			this.maxInflateRatio = maxInflateRatio;
		}

		public InboundMode getMode() {
			return this.mode;
		}

		public void setMode(InboundMode mode) {
			this.mode = mode;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

		public Backoff getBackoff() {
			return this.backoff;
		}

		public Memory getMemory() {
			return this.memory;
		}

		public Map<String, Source> getSources() {
			return this.sources;
		}

		/**
		 * Properties of the in-memory store of received webhooks.
		 */
		public static class Memory {

			/**
			 * Maximum number of received webhooks kept in memory. Processed ones are forgotten,
			 * oldest first, to make room, and their webhook ids with them, so that a later call
			 * repeating such an id is no longer a duplicate. When all are pending, in flight or
			 * failed, further webhooks are answered 503 with a Retry-After header.
			 */
			private int maxCalls = 10_000;

			public int getMaxCalls() {
				return this.maxCalls;
			}

			public void setMaxCalls(int maxCalls) {
				this.maxCalls = maxCalls;
			}

		}

	}

	/**
	 * Properties of the outbound side: webhooks emitted from application events.
	 */
	public static class Outbound {

		/**
		 * Whether to emit webhooks.
		 */
		private boolean enabled = true;

		/**
		 * Signature scheme of endpoints that set none: standard, github, stripe, shopify, slack,
		 * paddle, servo, hmac or the name that a SignatureScheme bean returns from name().
		 */
		private String signature = "standard";

		/**
		 * Body of the webhooks: the Standard Webhooks envelope {type, timestamp, data}, or the
		 * payload alone.
		 */
		private Envelope envelope = Envelope.STANDARD;

		/**
		 * Maximum number of requests in flight, all endpoints together.
		 */
		private int maxConcurrency = 64;

		/**
		 * Maximum number of requests in flight to one endpoint, so that a slow endpoint
		 * cannot hold up the others.
		 */
		private int maxConcurrencyPerEndpoint = 16;

		/**
		 * How often deliveries that are due for a retry are looked for.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * What happens to an event when a before-phase endpoint fails or times out.
		 */
		private BeforePhaseFailure beforePhaseFailure = BeforePhaseFailure.PROCEED;

		/**
		 * How long an endpoint may fail every attempt before it is disabled.
		 */
		private Duration disableAfter = Duration.ofDays(5);

		/**
		 * How long shutdown waits for requests in flight; those still unanswered then are
		 * delivered again later.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * In-memory store of deliveries, the default when the application has no DataSource.
		 */
		private final Memory memory = new Memory();

		/**
		 * Endpoints webhooks are delivered to.
		 */
		private List<Endpoint> endpoints = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getSignature() {
			return this.signature;
		}

		public void setSignature(String signature) {
			this.signature = signature;
		}

		public Envelope getEnvelope() {
			return this.envelope;
		}

		public void setEnvelope(Envelope envelope) {
			this.envelope = envelope;
		}

		public int getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(int maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public int getMaxConcurrencyPerEndpoint() {
			return this.maxConcurrencyPerEndpoint;
		}

		public void setMaxConcurrencyPerEndpoint(int maxConcurrencyPerEndpoint) {
			this.maxConcurrencyPerEndpoint = maxConcurrencyPerEndpoint;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public BeforePhaseFailure getBeforePhaseFailure() {
			return this.beforePhaseFailure;
		}

		public void setBeforePhaseFailure(BeforePhaseFailure beforePhaseFailure) {
			this.beforePhaseFailure = beforePhaseFailure;
		}

		public Duration getDisableAfter() {
			return this.disableAfter;
		}

		public void setDisableAfter(Duration disableAfter) {
			this.disableAfter = disableAfter;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public Memory getMemory() {
			return this.memory;
		}

		public List<Endpoint> getEndpoints() {
			return this.endpoints;
		}

		public void setEndpoints(List<Endpoint> endpoints) {
			this.endpoints = endpoints;
		}

		/**
		 * Properties of the in-memory store of deliveries.
		 */
		public static class Memory {

			/**
			 * Maximum number of deliveries kept in memory, one per endpoint a webhook is sent to.
			 * Delivered ones are forgotten, oldest first, to make room; when the pending, in-flight
			 * and failed ones leave too little, publishing fails with a DeliveryStoreFullException.
			 */
			private int maxDeliveries = 10_000;

			public int getMaxDeliveries() {
				return this.maxDeliveries;
			}

			public void setMaxDeliveries(int maxDeliveries) {
				this.maxDeliveries = maxDeliveries;
			}

		}

	}

	/**
	 * An endpoint webhooks are delivered to.
	 */
	public static class Endpoint {

		/**
		 * Unique name of the endpoint; defaults to its host and index.
		 */
		private @Nullable String name;

		/**
		 * What the endpoint is for.
		 */
		private @Nullable String description;

		/**
		 * URL webhooks are posted to.
		 */
		private @Nullable URI url;

		/**
		 * Event types or patterns the endpoint subscribes to, each optionally prefixed with
		 * its phase, "before:" or "after:" (the default).
		 */
		private List<String> events = new ArrayList<>(List.of("*"));

		/**
		 * Signature scheme, instead of webhook.outbound.signature.
		 */
		private @Nullable String signature;

		/**
		 * Shared secret webhooks are signed with; "whsec_" followed by base64 for the standard
		 * scheme.
		 */
		private @Nullable String secret;

		/**
		 * Shared secrets webhooks are signed with, newest first, to rotate secrets.
		 */
		private List<String> secrets = new ArrayList<>();

		/**
		 * Headers added to every request. Headers of the body, of the connection and of the
		 * signature are set by the sender and refused here.
		 */
		private Map<String, String> headers = new LinkedHashMap<>();

		/**
		 * Deadline of each attempt: connecting, sending and reading the response included,
		 * whatever the HTTP client. Shorter "spring.http.clients" timeouts apply too.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * Retries of failed attempts; "false" for a single attempt.
		 */
		private Backoff backoff = new Backoff();

		/**
		 * Compression of request bodies.
		 */
		private Compression compression = Compression.NONE;

		/**
		 * Whether webhooks are delivered one at a time, in publish order; a failing webhook
		 * holds up the later ones until it is delivered or its retries are exhausted.
		 */
		private boolean ordered;

		/**
		 * Maximum number of requests per second to the endpoint, 0 for no limit.
		 */
		private double rateLimit;

		/**
		 * Name of the SSL bundle of connections to the endpoint, for client certificates or
		 * custom trust.
		 */
		private @Nullable String sslBundle;

		/**
		 * HTTP proxy to connect through, as http://host:port.
		 */
		private @Nullable URI proxy;

		/**
		 * Whether the endpoint subscribes to events. When false, no webhook is stored for it,
		 * unlike an endpoint disabled at runtime, whose webhooks wait until it is enabled again.
		 */
		private boolean enabled = true;

		/**
		 * Whether a "410 Gone" answer disables the endpoint. When false, it only fails the
		 * delivery it answers.
		 */
		private boolean disableOnGone;

		/**
		 * Custom HMAC signature, for signature "hmac".
		 */
		@NestedConfigurationProperty
		private final Hmac hmac = new Hmac();

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getDescription() {
			return this.description;
		}

		public void setDescription(@Nullable String description) {
			this.description = description;
		}

		public @Nullable URI getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable URI url) {
			this.url = url;
		}

		public List<String> getEvents() {
			return this.events;
		}

		public void setEvents(List<String> events) {
			this.events = events;
		}

		public @Nullable String getSignature() {
			return this.signature;
		}

		public void setSignature(@Nullable String signature) {
			this.signature = signature;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public List<String> getSecrets() {
			return this.secrets;
		}

		public void setSecrets(List<String> secrets) {
			this.secrets = secrets;
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		public void setHeaders(Map<String, String> headers) {
			this.headers = headers;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Backoff getBackoff() {
			return this.backoff;
		}

		public void setBackoff(Backoff backoff) {
			this.backoff = backoff;
		}

		public Compression getCompression() {
			return this.compression;
		}

		public void setCompression(Compression compression) {
			this.compression = compression;
		}

		public boolean isOrdered() {
			return this.ordered;
		}

		public void setOrdered(boolean ordered) {
			this.ordered = ordered;
		}

		public double getRateLimit() {
			return this.rateLimit;
		}

		public void setRateLimit(double rateLimit) {
			this.rateLimit = rateLimit;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public @Nullable URI getProxy() {
			return this.proxy;
		}

		public void setProxy(@Nullable URI proxy) {
			this.proxy = proxy;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isDisableOnGone() {
			return this.disableOnGone;
		}

		public void setDisableOnGone(boolean disableOnGone) {
			this.disableOnGone = disableOnGone;
		}

		public Hmac getHmac() {
			return this.hmac;
		}

	}

	/**
	 * A source of webhooks: one sender and how to verify and read its calls.
	 */
	public static class Source {

		/**
		 * Whether this source receives webhooks.
		 */
		private boolean enabled = true;

		/**
		 * Path of this source instead of "{webhook.inbound.path}/{name}"; "/" is allowed.
		 */
		private @Nullable String path;

		/**
		 * Signature scheme: standard, github, stripe, shopify, slack, paddle, servo, hmac or
		 * the name that a SignatureScheme bean returns from name().
		 */
		private @Nullable String signature;

		/**
		 * Shared secret of the signature.
		 */
		private @Nullable String secret;

		/**
		 * Shared secrets of the signature, any of which is accepted, to rotate secrets.
		 */
		private List<String> secrets = new ArrayList<>();

		/**
		 * Maximum difference, in either direction, between a signed timestamp and now.
		 */
		private Duration tolerance = Duration.ofMinutes(5);

		/**
		 * Which bytes the signature covers: the decoded body, the raw body, or either.
		 */
		private SignedBytes signedBytes = SignedBytes.DECODED;

		/**
		 * Media types accepted besides application/json and any +json type, such as
		 * text/plain.
		 */
		private List<String> contentTypes = new ArrayList<>();

		/**
		 * Where the event type is: "header:NAME", "json:/pointer" or "path" (the last path
		 * segment). Defaults to the signature scheme's convention, else "json:/type".
		 */
		private @Nullable String eventType;

		/**
		 * Where the unique id used to detect duplicates is: "header:NAME" or
		 * "json:/pointer". Defaults to the signature scheme's convention.
		 */
		private @Nullable String id;

		/**
		 * Where the payload that listener parameters are bound from is: "json:/pointer", or
		 * "body" for the whole body. Defaults to the signature scheme's convention ("json:/data"
		 * for "standard"), else the whole body.
		 */
		private @Nullable String payload;

		/**
		 * Headers stored with a call for its listeners, besides those the signature scheme
		 * names and those of the event type and id. Credentials (Authorization, Cookie,
		 * Proxy-Authorization and the authenticator's credential headers) are never stored.
		 */
		private List<String> storedHeaders = new ArrayList<>();

		/**
		 * Bean name of a WebhookAuthenticator that authenticates calls to this source.
		 */
		private @Nullable String authenticator;

		/**
		 * Whether to accept calls with neither a signature nor an authenticator.
		 */
		private boolean allowUnauthenticated;

		/**
		 * Dispatch mode of this source, overriding webhook.inbound.mode.
		 */
		private @Nullable InboundMode mode;

		/**
		 * Custom HMAC signature, for signature "hmac".
		 */
		@NestedConfigurationProperty
		private final Hmac hmac = new Hmac();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getPath() {
			return this.path;
		}

		public void setPath(@Nullable String path) {
			this.path = path;
		}

		public @Nullable String getSignature() {
			return this.signature;
		}

		public void setSignature(@Nullable String signature) {
			this.signature = signature;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public List<String> getSecrets() {
			return this.secrets;
		}

		public void setSecrets(List<String> secrets) {
			this.secrets = secrets;
		}

		public Duration getTolerance() {
			return this.tolerance;
		}

		public void setTolerance(Duration tolerance) {
			this.tolerance = tolerance;
		}

		public SignedBytes getSignedBytes() {
			return this.signedBytes;
		}

		public void setSignedBytes(SignedBytes signedBytes) {
			this.signedBytes = signedBytes;
		}

		public List<String> getContentTypes() {
			return this.contentTypes;
		}

		public void setContentTypes(List<String> contentTypes) {
			this.contentTypes = contentTypes;
		}

		public @Nullable String getEventType() {
			return this.eventType;
		}

		public void setEventType(@Nullable String eventType) {
			this.eventType = eventType;
		}

		public @Nullable String getId() {
			return this.id;
		}

		public void setId(@Nullable String id) {
			this.id = id;
		}

		public @Nullable String getPayload() {
			return this.payload;
		}

		public void setPayload(@Nullable String payload) {
			this.payload = payload;
		}

		public List<String> getStoredHeaders() {
			return this.storedHeaders;
		}

		public void setStoredHeaders(List<String> storedHeaders) {
			this.storedHeaders = storedHeaders;
		}

		public @Nullable String getAuthenticator() {
			return this.authenticator;
		}

		public void setAuthenticator(@Nullable String authenticator) {
			this.authenticator = authenticator;
		}

		public boolean isAllowUnauthenticated() {
			return this.allowUnauthenticated;
		}

		public void setAllowUnauthenticated(boolean allowUnauthenticated) {
			this.allowUnauthenticated = allowUnauthenticated;
		}

		public @Nullable InboundMode getMode() {
			return this.mode;
		}

		public void setMode(@Nullable InboundMode mode) {
			this.mode = mode;
		}

		public Hmac getHmac() {
			return this.hmac;
		}

	}

	/**
	 * A custom HMAC signature.
	 */
	public static class Hmac {

		/**
		 * Header that carries the signature.
		 */
		private @Nullable String header;

		/**
		 * HMAC algorithm: HmacSHA1, HmacSHA256 or HmacSHA512.
		 */
		private String algorithm = "HmacSHA256";

		/**
		 * Encoding of the signature: hex or base64.
		 */
		private SignatureEncoding encoding = SignatureEncoding.HEX;

		/**
		 * Text before the encoded signature in the header, such as "sha256=".
		 */
		private String prefix = "";

		/**
		 * What is signed, from the placeholders {body}, {timestamp} and {id}.
		 */
		private String signedContent = "{body}";

		/**
		 * Header that carries the signed timestamp in unix seconds, for a signed content
		 * with {timestamp}.
		 */
		private @Nullable String timestampHeader;

		public @Nullable String getHeader() {
			return this.header;
		}

		public void setHeader(@Nullable String header) {
			this.header = header;
		}

		public String getAlgorithm() {
			return this.algorithm;
		}

		public void setAlgorithm(String algorithm) {
			this.algorithm = algorithm;
		}

		public SignatureEncoding getEncoding() {
			return this.encoding;
		}

		public void setEncoding(SignatureEncoding encoding) {
			this.encoding = encoding;
		}

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public String getSignedContent() {
			return this.signedContent;
		}

		public void setSignedContent(String signedContent) {
			this.signedContent = signedContent;
		}

		public @Nullable String getTimestampHeader() {
			return this.timestampHeader;
		}

		public void setTimestampHeader(@Nullable String timestampHeader) {
			this.timestampHeader = timestampHeader;
		}

	}

	/**
	 * Retries on a schedule: a list of intervals, or exponential parameters. Without either,
	 * the Standard Webhooks schedule: an immediate attempt, then 5s, 5m, 30m, 2h, 5h, 10h and
	 * 10h.
	 */
	public static class Backoff {

		/**
		 * Whether failed attempts are retried; "backoff: false" is short for false.
		 */
		private boolean enabled = true;

		/**
		 * Waits between consecutive attempts; one more attempt than intervals.
		 */
		private List<Duration> intervals = new ArrayList<>();

		/**
		 * Maximum number of attempts, first one included, of an exponential schedule.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * First wait of an exponential schedule.
		 */
		private @Nullable Duration initialInterval;

		/**
		 * Factor by which each wait of an exponential schedule grows.
		 */
		private double multiplier = 2;

		/**
		 * Longest wait of an exponential schedule.
		 */
		private @Nullable Duration maxInterval;

		/**
		 * Time after the first failure past which an exponential schedule stops retrying.
		 */
		private @Nullable Duration maxElapsed;

		/**
		 * Fraction, from 0 to 1, by which each wait varies at random in either direction.
		 */
		private double jitter = 0.2;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<Duration> getIntervals() {
			return this.intervals;
		}

		public void setIntervals(List<Duration> intervals) {
			this.intervals = intervals;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(@Nullable Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(@Nullable Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public @Nullable Duration getMaxElapsed() {
			return this.maxElapsed;
		}

		public void setMaxElapsed(@Nullable Duration maxElapsed) {
			this.maxElapsed = maxElapsed;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

	}

}
