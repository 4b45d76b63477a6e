package io.github.webhookstarter.subscription;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import io.github.webhookstarter.core.internal.MaskedUrls;

/**
 * A dynamic subscription: an endpoint that a user created at runtime, as a
 * {@link SubscriptionStore} keeps it. Whether it is active is not part of it: like any
 * endpoint's, that state is shared by every instance in the
 * {@link io.github.webhookstarter.outbound.EndpointStateStore}, under the subscription's id.
 *
 * @param id the unique id, also the name of its endpoint
 * @param owner the name of the principal that created it
 * @param url where webhooks are sent
 * @param events the event types or patterns it subscribes to
 * @param description what it is for, or {@code null}
 * @param secret the secret webhooks to it are signed with
 * @param previousSecret the secret it had before its last rotation, which webhooks are also
 * signed with until {@code previousSecretExpiresAt}, or {@code null}
 * @param previousSecretExpiresAt when the previous secret stops being used, or {@code null}
 * @param headers headers added to every request
 * @param signature the name of the signature scheme of its webhooks
 * @param rateLimit the maximum number of requests per second, 0 for no limit
 * @param ordered whether webhooks are delivered one at a time, in publish order
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 * @param version the version of the store in which it was last changed, assigned by the
 * store: greater for every change
 * @author Webhook Starter team
 */
public record Subscription(String id, String owner, URI url, List<String> events, @Nullable String description,
		String secret, @Nullable String previousSecret, @Nullable Instant previousSecretExpiresAt,
		Map<String, String> headers, String signature, double rateLimit, boolean ordered, Instant createdAt,
		Instant updatedAt, long version) {

	/**
	 * Create a subscription.
	 */
	public Subscription {
		Assert.hasText(id, "Id must not be empty");
		Assert.notNull(owner, "Owner must not be null");
		Assert.hasLength(secret, "Secret must not be empty");
		events = List.copyOf(events);
		headers = Map.copyOf(headers);
	}

	/**
	 * Return a copy of this subscription with another version.
	 * @param version the version
	 * @return the copy
	 */
	public Subscription withVersion(long version) {
		return new Subscription(this.id, this.owner, this.url, this.events, this.description, this.secret,
				this.previousSecret, this.previousSecretExpiresAt, this.headers, this.signature, this.rateLimit,
				this.ordered, this.createdAt, this.updatedAt, version);
	}

	@Override
	public String toString() {
		return "Subscription{id='" + this.id + "', owner='" + this.owner + "', url=" + MaskedUrls.mask(this.url) + ", events="
				+ this.events + ", version=" + this.version + "}";
	}

}
