package io.github.webhookstarter.autoconfigure.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

import io.github.webhookstarter.autoconfigure.signing.HmacSignatureProperties;
import io.github.webhookstarter.inbound.InboundMode;
import io.github.webhookstarter.inbound.SignedBytes;

/**
 * A source of webhooks: one sender and how to verify and read its calls.
 *
 * @author Webhook Starter team
 */
public class WebhookSourceProperties {

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
	private final HmacSignatureProperties hmac = new HmacSignatureProperties();

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

	public HmacSignatureProperties getHmac() {
		return this.hmac;
	}

}
