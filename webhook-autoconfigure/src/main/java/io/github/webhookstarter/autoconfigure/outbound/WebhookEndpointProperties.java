package io.github.webhookstarter.autoconfigure.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.github.webhookstarter.autoconfigure.BackoffProperties;
import io.github.webhookstarter.autoconfigure.signing.HmacSignatureProperties;
import io.github.webhookstarter.codec.Compression;

/**
 * An endpoint webhooks are delivered to.
 *
 * @author Webhook Starter team
 */
public class WebhookEndpointProperties {

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
	private BackoffProperties backoff = new BackoffProperties();

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
	private final HmacSignatureProperties hmac = new HmacSignatureProperties();

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

	public BackoffProperties getBackoff() {
		return this.backoff;
	}

	public void setBackoff(BackoffProperties backoff) {
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

	public HmacSignatureProperties getHmac() {
		return this.hmac;
	}

}
