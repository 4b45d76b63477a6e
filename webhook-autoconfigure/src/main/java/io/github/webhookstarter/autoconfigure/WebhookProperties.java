package io.github.webhookstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import io.github.webhookstarter.inbound.InboundMode;
import io.github.webhookstarter.inbound.SignedBytes;
import io.github.webhookstarter.signing.SignatureEncoding;

/**
 * Configuration properties of the webhook starter.
 *
 * @author Webhook Starter team
 */
@ConfigurationProperties("webhook")
public class WebhookProperties {

	private final Inbound inbound = new Inbound();

	public Inbound getInbound() {
		return this.inbound;
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
		 * Retries of listeners that fail in async mode.
		 */
		@NestedConfigurationProperty
		private final Backoff backoff = new Backoff();

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

		public Backoff getBackoff() {
			return this.backoff;
		}

		public Map<String, Source> getSources() {
			return this.sources;
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
		 * the name of a SignatureScheme bean.
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
