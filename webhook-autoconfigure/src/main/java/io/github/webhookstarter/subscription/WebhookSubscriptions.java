package io.github.webhookstarter.subscription;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import io.github.webhookstarter.outbound.DeliveryAttempt;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.EndpointState;
import io.github.webhookstarter.outbound.EventPhase;
import io.github.webhookstarter.outbound.EventSelector;
import io.github.webhookstarter.outbound.UrlPolicyViolationException;
import io.github.webhookstarter.outbound.WebhookEndpoints;

/**
 * Creates, changes and deletes dynamic subscriptions on behalf of their owners: what the
 * subscriptions API does over HTTP, for an application to do from Java.
 * <p>
 * Every operation takes the owner, the name of the principal acting: an owner sees and changes
 * only its own subscriptions, another's being as absent as one that does not exist. A
 * subscription's secret is generated here ({@code whsec_} and 24 random bytes, base64, as
 * Standard Webhooks defines it) and returned only when it is created or rotated. Its URL is
 * checked against the URL policy, its host resolved, when it is created or its URL changes,
 * and again before every attempt. Whether it is active is the runtime state of its endpoint,
 * shared by every instance: a receiver that answers {@code 410 Gone} deactivates it.
 *
 * @author Webhook Starter team
 */
public final class WebhookSubscriptions {

	/**
	 * Why a subscription that its owner deactivated is disabled.
	 */
	public static final String DEACTIVATED_REASON = "deactivated by its owner";

	private static final int MAX_EVENTS = 100;

	private static final int MAX_EVENT_LENGTH = 200;

	private static final int MAX_URL_LENGTH = 2048;

	private static final int MAX_DESCRIPTION_LENGTH = 1000;

	private static final int MAX_HEADERS = 20;

	private static final int MAX_HEADER_LENGTH = 1000;

	private static final int SECRET_BYTES = 24;

	private static final double MAX_RATE_LIMIT = 10_000;

	private final SecureRandom random = new SecureRandom();

	private final SubscriptionStore store;

	private final SubscriptionEndpoints subscriptionEndpoints;

	private final SubscriptionEndpointFactory endpointFactory;

	private final WebhookEndpoints endpoints;

	private final DeliveryStore deliveryStore;

	private final Settings settings;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param store the store of the subscriptions
	 * @param subscriptionEndpoints the endpoints of the subscriptions, refreshed after every
	 * change made here
	 * @param endpointFactory turns a subscription into its endpoint
	 * @param endpoints the registry that keeps whether each endpoint is enabled
	 * @param deliveryStore the store of the deliveries to the subscriptions
	 * @param settings the settings
	 * @param clock gives the creation and change times
	 */
	public WebhookSubscriptions(SubscriptionStore store, SubscriptionEndpoints subscriptionEndpoints,
			SubscriptionEndpointFactory endpointFactory, WebhookEndpoints endpoints, DeliveryStore deliveryStore,
			Settings settings, Clock clock) {
		this.store = store;
		this.subscriptionEndpoints = subscriptionEndpoints;
		this.endpointFactory = endpointFactory;
		this.endpoints = endpoints;
		this.deliveryStore = deliveryStore;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Create a subscription.
	 * @param owner the name of the principal that creates it
	 * @param request what it is to be; its URL and events are required
	 * @return the subscription, whose secret is shown to its owner now or never
	 * @throws InvalidSubscriptionException if the request is not valid
	 * @throws SubscriptionLimitExceededException if the owner has as many subscriptions as
	 * it may
	 */
	public Subscription create(String owner, SubscriptionRequest request) {
		if (request.url() == null) {
			throw new InvalidSubscriptionException("url", "url is required");
		}
		if (request.events() == null) {
			throw new InvalidSubscriptionException("events", "events is required");
		}
		if (this.store.countByOwner(owner) >= this.settings.maxPerOwner()) {
			throw new SubscriptionLimitExceededException(this.settings.maxPerOwner());
		}
		Instant now = this.clock.instant();
		Subscription subscription = new Subscription("sub_" + UUID.randomUUID().toString().replace("-", ""), owner,
				checkUrl(request.url()), events(request.events()), description(request.description()),
				generateSecret(), null, null, headers(request.headers()), signature(request.signature()),
				rateLimit(request.rateLimit()), Boolean.TRUE.equals(request.ordered()), now, now, 0);
		checkEndpoint(subscription);
		Subscription created = this.store.create(subscription);
		if (Boolean.FALSE.equals(request.active())) {
			this.endpoints.disable(created.id(), DEACTIVATED_REASON, now);
		}
		this.subscriptionEndpoints.refresh();
		return created;
	}

	/**
	 * Find a page of an owner's subscriptions, oldest first.
	 * @param owner the owner
	 * @param page the number of the page, from 0
	 * @param size how many subscriptions a page has
	 * @return the subscriptions
	 */
	public List<Subscription> findAll(String owner, int page, int size) {
		return this.store.findByOwner(owner, Math.multiplyExact(page, size), size);
	}

	/**
	 * Count an owner's subscriptions.
	 * @param owner the owner
	 * @return how many it has
	 */
	public long count(String owner) {
		return this.store.countByOwner(owner);
	}

	/**
	 * Find one of an owner's subscriptions.
	 * @param owner the owner
	 * @param id the id of the subscription
	 * @return the subscription, or empty if the owner has none with that id
	 */
	public Optional<Subscription> find(String owner, String id) {
		return this.store.find(id).filter((subscription) -> subscription.owner().equals(owner));
	}

	/**
	 * Return the runtime state of a subscription's endpoint: whether it is active, and if
	 * not, why.
	 * @param id the id of the subscription
	 * @return the state, or {@code null} if it was never disabled
	 */
	public @Nullable EndpointState getState(String id) {
		return this.endpoints.getState(id);
	}

	/**
	 * Return the last attempts to deliver to a subscription, newest first.
	 * @param id the id of the subscription
	 * @param limit how many to return at most
	 * @return the attempts
	 */
	public List<DeliveryAttempt> findLastAttempts(String id, int limit) {
		return this.deliveryStore.findRecentAttempts(id, limit);
	}

	/**
	 * Change one of an owner's subscriptions: only what the request has that is not
	 * {@code null}.
	 * @param owner the owner
	 * @param id the id of the subscription
	 * @param request the changes
	 * @return the subscription as changed, or empty if the owner has none with that id
	 * @throws InvalidSubscriptionException if a change is not valid
	 */
	public Optional<Subscription> update(String owner, String id, SubscriptionRequest request) {
		return change(owner, id, (current) -> {
			URI url = current.url();
			if (request.url() != null && !request.url().equals(current.url())) {
				url = checkUrl(request.url());
			}
			return new Subscription(current.id(), current.owner(), url,
					(request.events() != null) ? events(request.events()) : current.events(),
					(request.description() != null) ? description(request.description()) : current.description(),
					current.secret(), current.previousSecret(), current.previousSecretExpiresAt(),
					(request.headers() != null) ? headers(request.headers()) : current.headers(),
					(request.signature() != null) ? signature(request.signature()) : current.signature(),
					(request.rateLimit() != null) ? rateLimit(request.rateLimit()) : current.rateLimit(),
					(request.ordered() != null) ? request.ordered() : current.ordered(), current.createdAt(),
					this.clock.instant(), current.version());
		}).map((updated) -> {
			Boolean active = request.active();
			if (active != null) {
				if (active) {
					this.endpoints.enable(id);
				}
				else {
					this.endpoints.disable(id, DEACTIVATED_REASON, this.clock.instant());
				}
			}
			this.subscriptionEndpoints.refresh();
			return updated;
		});
	}

	/**
	 * Give one of an owner's subscriptions a new secret. Webhooks are signed with both the new
	 * and the previous secret until the rotation overlap ends, so that its receiver can
	 * switch to the new one meanwhile; a secret rotated out before is dropped.
	 * @param owner the owner
	 * @param id the id of the subscription
	 * @return the subscription with its new secret, shown to its owner now or never, or empty
	 * if the owner has none with that id
	 */
	public Optional<Subscription> rotateSecret(String owner, String id) {
		return change(owner, id, (current) -> {
			Instant now = this.clock.instant();
			return new Subscription(current.id(), current.owner(), current.url(), current.events(),
					current.description(), generateSecret(), current.secret(),
					now.plus(this.settings.rotationOverlap()), current.headers(), current.signature(),
					current.rateLimit(), current.ordered(), current.createdAt(), now, current.version());
		}).map((rotated) -> {
			this.subscriptionEndpoints.refresh();
			return rotated;
		});
	}

	/**
	 * Delete one of an owner's subscriptions: nothing more is delivered to it, and its
	 * deliveries still pending are cancelled.
	 * @param owner the owner
	 * @param id the id of the subscription
	 * @return whether the owner had a subscription with that id
	 */
	public boolean delete(String owner, String id) {
		if (find(owner, id).isEmpty() || !this.store.delete(id)) {
			return false;
		}
		this.subscriptionEndpoints.refresh();
		// after the refresh: this instance publishes no more to it; another one may, until its
		// next refresh, and those deliveries wait as those of an endpoint no instance knows
		this.deliveryStore.cancel(id);
		return true;
	}

	// read, change, write unless another change came between, then again with that one
	private Optional<Subscription> change(String owner, String id, Change change) {
		for (int attempt = 0; attempt < 5; attempt++) {
			Optional<Subscription> current = find(owner, id);
			if (current.isEmpty()) {
				return current;
			}
			Subscription changed = change.apply(current.get());
			checkEndpoint(changed);
			Optional<Subscription> updated = this.store.update(changed);
			if (updated.isPresent()) {
				return updated;
			}
		}
		throw new IllegalStateException("Subscription '" + id + "' keeps changing: try again");
	}

	private URI checkUrl(URI url) {
		String text = url.toString();
		if (text.length() > MAX_URL_LENGTH) {
			throw new InvalidSubscriptionException("url", "url is longer than " + MAX_URL_LENGTH + " characters");
		}
		if (!url.isAbsolute() || url.getHost() == null) {
			throw new InvalidSubscriptionException("url", "url must be an absolute http or https URL with a host");
		}
		checkSingleLine("url", text);
		try {
			this.endpointFactory.getUrlPolicy().resolve(url);
		}
		catch (UrlPolicyViolationException ex) {
			throw new InvalidSubscriptionException("url", "url is " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new InvalidSubscriptionException("url", "url host " + url.getHost() + " cannot be resolved");
		}
		return url;
	}

	private static List<String> events(List<String> events) {
		if (events.isEmpty()) {
			throw new InvalidSubscriptionException("events", "events must name at least one event type or pattern");
		}
		if (events.size() > MAX_EVENTS) {
			throw new InvalidSubscriptionException("events", "events has more than " + MAX_EVENTS + " entries");
		}
		Set<String> patterns = new LinkedHashSet<>();
		for (String event : events) {
			if (!StringUtils.hasText(event) || event.length() > MAX_EVENT_LENGTH) {
				throw new InvalidSubscriptionException("events",
						"events must be event types or patterns of 1 to " + MAX_EVENT_LENGTH + " characters");
			}
			checkSingleLine("events", event);
			EventSelector selector = EventSelector.parse(event);
			if (selector.phase() != EventPhase.AFTER) {
				throw new InvalidSubscriptionException("events", "event '" + event
						+ "' asks for the before phase, in which only configured endpoints are called");
			}
			patterns.add(selector.pattern());
		}
		return List.copyOf(patterns);
	}

	private static @Nullable String description(@Nullable String description) {
		if (description == null || description.isEmpty()) {
			return null;
		}
		if (description.length() > MAX_DESCRIPTION_LENGTH) {
			throw new InvalidSubscriptionException("description",
					"description is longer than " + MAX_DESCRIPTION_LENGTH + " characters");
		}
		checkSingleLine("description", description);
		return description;
	}

	private static Map<String, String> headers(@Nullable Map<String, String> headers) {
		if (headers == null) {
			return Map.of();
		}
		if (headers.size() > MAX_HEADERS) {
			throw new InvalidSubscriptionException("headers", "headers has more than " + MAX_HEADERS + " entries");
		}
		headers.forEach((name, value) -> {
			if (value == null || name.length() + value.length() > MAX_HEADER_LENGTH) {
				throw new InvalidSubscriptionException("headers", "header '" + name + "' must have a value, and "
						+ "its name and value together at most " + MAX_HEADER_LENGTH + " characters");
			}
			checkSingleLine("headers", name);
			checkSingleLine("headers", value);
		});
		return headers;
	}

	private String signature(@Nullable String signature) {
		if (signature == null) {
			return this.settings.signature();
		}
		String name = signature.toLowerCase(Locale.ROOT);
		if (!this.endpointFactory.getSignatureNames().contains(name)) {
			throw new InvalidSubscriptionException("signature",
					"signature must be one of " + this.endpointFactory.getSignatureNames());
		}
		return name;
	}

	private static double rateLimit(@Nullable Double rateLimit) {
		if (rateLimit == null) {
			return 0;
		}
		if (!(rateLimit >= 0 && rateLimit <= MAX_RATE_LIMIT)) {
			throw new InvalidSubscriptionException("rateLimit",
					"rateLimit must be between 0 (no limit) and " + (int) MAX_RATE_LIMIT + " requests per second");
		}
		return rateLimit;
	}

	// what only the endpoint knows: the headers it may not send, such as its signature's
	private void checkEndpoint(Subscription subscription) {
		try {
			this.endpointFactory.create(subscription);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSubscriptionException("headers", String.valueOf(ex.getMessage()));
		}
	}

	private static void checkSingleLine(String field, String value) {
		if (value.chars().anyMatch((c) -> (c < 0x20 && c != '\t') || c == 0x7f)) {
			throw new InvalidSubscriptionException(field,
					field + " must not hold control characters such as CR or LF");
		}
	}

	private String generateSecret() {
		byte[] key = new byte[SECRET_BYTES];
		this.random.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	@FunctionalInterface
	private interface Change {

		Subscription apply(Subscription current);

	}

	/**
	 * The settings of the subscriptions.
	 *
	 * @param signature the signature scheme of a subscription that names none
	 * @param rotationOverlap how long a rotated-out secret still signs webhooks
	 * @param maxPerOwner how many subscriptions an owner may have
	 */
	public record Settings(String signature, Duration rotationOverlap, int maxPerOwner) {

	}

}
