package io.github.webhookstarter.autoconfigure.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.github.webhookstarter.outbound.BeforePhaseFailure;
import io.github.webhookstarter.outbound.Envelope;

/**
 * Properties of the outbound side: webhooks emitted from application events.
 *
 * @author Webhook Starter team
 */
@ConfigurationProperties("webhook.outbound")
public class WebhookOutboundProperties {

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
	private List<WebhookEndpointProperties> endpoints = new ArrayList<>();

	/**
	 * Which URLs webhooks may be sent to, a guard against server-side request forgery.
	 * Configured endpoints are trusted unless apply-to-static is true.
	 */
	private final UrlPolicy urlPolicy = new UrlPolicy();

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

	public List<WebhookEndpointProperties> getEndpoints() {
		return this.endpoints;
	}

	public void setEndpoints(List<WebhookEndpointProperties> endpoints) {
		this.endpoints = endpoints;
	}

	public UrlPolicy getUrlPolicy() {
		return this.urlPolicy;
	}

	/**
	 * Properties of the URL policy. Dynamic subscriptions are always checked against it;
	 * the configured endpoints and WebhookEndpoint beans only with apply-to-static.
	 */
	public static class UrlPolicy {

		/**
		 * Whether URLs must be https rather than http.
		 */
		private boolean httpsOnly = true;

		/**
		 * Whether hosts may be, or resolve to, addresses that are not public: loopback,
		 * link-local (169.254.169.254 included), private, carrier-grade NAT, unique-local,
		 * multicast, unspecified and reserved addresses, IPv4 and IPv6.
		 */
		private boolean allowPrivate;

		/**
		 * Hosts webhooks may be sent to, such as "hooks.example.com" or "*.example.com" for
		 * every name below example.com; when empty, any host that the other rules allow.
		 */
		private List<String> allowedHosts = new ArrayList<>();

		/**
		 * Hosts webhooks are never sent to, such as "internal.example.com" or
		 * "*.internal.example.com".
		 */
		private List<String> deniedHosts = new ArrayList<>();

		/**
		 * Whether the policy also applies to the endpoints of webhook.outbound.endpoints and
		 * WebhookEndpoint beans: their URLs are checked at startup and the addresses their
		 * hosts resolve to before each attempt.
		 */
		private boolean applyToStatic;

		public boolean isHttpsOnly() {
			return this.httpsOnly;
		}

		public void setHttpsOnly(boolean httpsOnly) {
			this.httpsOnly = httpsOnly;
		}

		public boolean isAllowPrivate() {
			return this.allowPrivate;
		}

		public void setAllowPrivate(boolean allowPrivate) {
			this.allowPrivate = allowPrivate;
		}

		public List<String> getAllowedHosts() {
			return this.allowedHosts;
		}

		public void setAllowedHosts(List<String> allowedHosts) {
			this.allowedHosts = allowedHosts;
		}

		public List<String> getDeniedHosts() {
			return this.deniedHosts;
		}

		public void setDeniedHosts(List<String> deniedHosts) {
			this.deniedHosts = deniedHosts;
		}

		public boolean isApplyToStatic() {
			return this.applyToStatic;
		}

		public void setApplyToStatic(boolean applyToStatic) {
			this.applyToStatic = applyToStatic;
		}

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
