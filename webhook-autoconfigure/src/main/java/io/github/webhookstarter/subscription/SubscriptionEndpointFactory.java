package io.github.webhookstarter.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpHeaders;
import org.springframework.util.backoff.BackOff;

import io.github.webhookstarter.codec.Compression;
import io.github.webhookstarter.outbound.EventSelector;
import io.github.webhookstarter.outbound.UrlPolicy;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureSchemes;

/**
 * Turns a subscription into the endpoint it is delivered as: named by its id, checked
 * against the URL policy before every attempt, disabled when its receiver answers
 * {@code 410 Gone}, signed with its secret and, until the overlap of a rotation ends, with
 * its previous secret too.
 * <p>
 * Not API: public so that the auto-configuration can create it.
 *
 * @author Webhook Starter team
 */
public final class SubscriptionEndpointFactory {

	private final SignatureSchemes signatureSchemes;

	private final UrlPolicy urlPolicy;

	private final Duration timeout;

	private final BackOff backOff;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param signatureSchemes the schemes a subscription may name
	 * @param urlPolicy the policy every subscription's URL is checked against
	 * @param timeout the deadline of each attempt
	 * @param backOff when failed attempts are retried
	 * @param clock tells whether a previous secret is still in use
	 */
	public SubscriptionEndpointFactory(SignatureSchemes signatureSchemes, UrlPolicy urlPolicy, Duration timeout,
			BackOff backOff, Clock clock) {
		this.signatureSchemes = signatureSchemes;
		this.urlPolicy = urlPolicy;
		this.timeout = timeout;
		this.backOff = backOff;
		this.clock = clock;
	}

	/**
	 * Create the endpoint of a subscription.
	 * @param subscription the subscription
	 * @return its endpoint
	 * @throws IllegalArgumentException if its signature scheme is unknown or one of its
	 * headers may not be sent
	 */
	public WebhookEndpoint create(Subscription subscription) {
		SignatureScheme scheme = this.signatureSchemes.get(subscription.signature());
		if (scheme == null) {
			throw new IllegalArgumentException("signature scheme '" + subscription.signature() + "' is not one of "
					+ getSignatureNames());
		}
		List<Secret> secrets = new ArrayList<>(2);
		secrets.add(Secret.of(subscription.secret()));
		String previous = subscription.previousSecret();
		Instant expiresAt = subscription.previousSecretExpiresAt();
		if (previous != null && expiresAt != null && expiresAt.isAfter(this.clock.instant())) {
			secrets.add(Secret.of(previous));
		}
		HttpHeaders headers = new HttpHeaders();
		subscription.headers().forEach(headers::add);
		List<EventSelector> events = subscription.events().stream().map(EventSelector::parse).toList();
		return new WebhookEndpoint(subscription.id(), subscription.description(), subscription.url(), events, scheme,
				List.copyOf(secrets), headers, this.timeout, this.backOff, Compression.NONE, subscription.ordered(),
				subscription.rateLimit(), null, null, true, true, this.urlPolicy);
	}

	/**
	 * Return the names of the signature schemes a subscription may name.
	 * @return the names, sorted
	 */
	public Set<String> getSignatureNames() {
		return new TreeSet<>(this.signatureSchemes.names());
	}

	/**
	 * Return the policy every subscription's URL is checked against.
	 * @return the URL policy
	 */
	public UrlPolicy getUrlPolicy() {
		return this.urlPolicy;
	}

}
