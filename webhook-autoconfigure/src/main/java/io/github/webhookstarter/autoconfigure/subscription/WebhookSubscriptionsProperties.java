package io.github.webhookstarter.autoconfigure.subscription;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of dynamic subscriptions (REST Hooks), under {@code webhook.subscriptions}.
 *
 * @author Webhook Starter team
 */
@ConfigurationProperties("webhook.subscriptions")
public class WebhookSubscriptionsProperties {

	/**
	 * Whether users may create subscriptions over the subscriptions API, and subscriptions
	 * are delivered to.
	 */
	private boolean enabled;

	/**
	 * Path of the subscriptions API.
	 */
	private String path = "/webhooks/subscriptions";

	/**
	 * Whether callers without a principal may use the subscriptions API, all of them as one
	 * owner. Without it, the API needs Spring Security to tell its callers apart.
	 */
	private boolean allowAnonymous;

	/**
	 * How long a secret replaced by a rotation still signs webhooks, beside the new one.
	 */
	private Duration rotationOverlap = Duration.ofHours(24);

	/**
	 * Deadline of each attempt to deliver to a subscription.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * Signature scheme of a subscription that names none.
	 */
	private String signature = "standard";

	/**
	 * Maximum number of subscriptions an owner may have.
	 */
	private int maxPerOwner = 100;

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

	public boolean isAllowAnonymous() {
		return this.allowAnonymous;
	}

	public void setAllowAnonymous(boolean allowAnonymous) {
		this.allowAnonymous = allowAnonymous;
	}

	public Duration getRotationOverlap() {
		return this.rotationOverlap;
	}

	public void setRotationOverlap(Duration rotationOverlap) {
		this.rotationOverlap = rotationOverlap;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public String getSignature() {
		return this.signature;
	}

	public void setSignature(String signature) {
		this.signature = signature;
	}

	public int getMaxPerOwner() {
		return this.maxPerOwner;
	}

	public void setMaxPerOwner(int maxPerOwner) {
		this.maxPerOwner = maxPerOwner;
	}

}
