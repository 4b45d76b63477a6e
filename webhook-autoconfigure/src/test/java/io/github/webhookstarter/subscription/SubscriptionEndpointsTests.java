package io.github.webhookstarter.subscription;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.webhookstarter.core.IntervalBackOff;
import io.github.webhookstarter.core.MutableClock;
import io.github.webhookstarter.outbound.UrlPolicy;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureSchemes;
import io.github.webhookstarter.store.memory.InMemorySubscriptionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory index of the subscriptions' endpoints: found by exact event type and by
 * wildcard, each once, kept up to date from the store's changes alone, with rotated-out
 * secrets dropped once their overlap ends.
 */
class SubscriptionEndpointsTests {

	private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

	private final InMemorySubscriptionStore store = new InMemorySubscriptionStore();

	private final MutableClock clock = new MutableClock(NOW);

	private final AtomicInteger endpointsBuilt = new AtomicInteger();

	private final SubscriptionEndpointFactory factory = new SubscriptionEndpointFactory(
			new SignatureSchemes(List.of()), UrlPolicy.builder().build(), Duration.ofSeconds(10),
			IntervalBackOff.standardWebhooks(), this.clock);

	private final SubscriptionEndpoints endpoints = new SubscriptionEndpoints(this.store, (subscription) -> {
		this.endpointsBuilt.incrementAndGet();
		return this.factory.create(subscription);
	}, Duration.ofSeconds(10), Duration.ofSeconds(1), this.clock);

	@Test
	void subscribersAreFoundByExactTypeAndByWildcardEachOnce() {
		Subscription exact = create("sub_exact", "order.created");
		Subscription wildcard = create("sub_wildcard", "order.*");
		Subscription both = create("sub_both", "order.created", "order.*", "*");
		create("sub_other", "invoice.paid");
		this.endpoints.refresh();
		assertThat(names(this.endpoints.getSubscribers("order.created"))).containsExactlyInAnyOrder(exact.id(),
				wildcard.id(), both.id());
		assertThat(names(this.endpoints.getSubscribers("order.deleted"))).containsExactlyInAnyOrder(wildcard.id(),
				both.id());
		assertThat(names(this.endpoints.getSubscribers("invoice.paid"))).containsExactlyInAnyOrder("sub_other",
				both.id());
		assertThat(this.endpoints.get("sub_exact")).isNotNull()
			.satisfies((endpoint) -> assertThat(endpoint.disableOnGone()).isTrue())
			.satisfies((endpoint) -> assertThat(endpoint.urlPolicy()).isNotNull());
	}

	@Test
	void changesAreReadIncrementallyAndInvalidateWhatWasFound() {
		create("sub_a", "order.created");
		this.endpoints.refresh();
		assertThat(names(this.endpoints.getSubscribers("order.created"))).containsExactly("sub_a");
		int built = this.endpointsBuilt.get();
		this.endpoints.refresh();
		// nothing changed: nothing rebuilt
		assertThat(this.endpointsBuilt.get()).isEqualTo(built);

		Subscription b = create("sub_b", "order.*");
		this.store.delete("sub_a");
		this.endpoints.refresh();
		assertThat(names(this.endpoints.getSubscribers("order.created"))).containsExactly(b.id());
		assertThat(this.endpoints.get("sub_a")).isNull();

		Subscription current = this.store.find("sub_b").orElseThrow();
		this.store.update(copy(current, List.of("invoice.*"), current.secret(), null, null));
		assertThat(names(this.endpoints.getSubscribers("order.created"))).containsExactly(b.id());
		this.endpoints.refresh();
		assertThat(this.endpoints.getSubscribers("order.created")).isEmpty();
		assertThat(names(this.endpoints.getSubscribers("invoice.paid"))).containsExactly(b.id());
	}

	@Test
	void aRotatedOutSecretSignsUntilItsOverlapEnds() {
		Subscription created = create("sub_rotated", "order.created");
		this.store.update(copy(created, created.events(), "whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LTEyMzQ1Njc4",
				created.secret(), NOW.plus(Duration.ofHours(24))));
		this.endpoints.refresh();
		assertThat(secrets(this.endpoints.get("sub_rotated"))).hasSize(2);
		this.clock.set(NOW.plus(Duration.ofHours(24)).minusSeconds(1));
		this.endpoints.refresh();
		assertThat(secrets(this.endpoints.get("sub_rotated"))).hasSize(2);
		this.clock.set(NOW.plus(Duration.ofHours(24)));
		this.endpoints.refresh();
		assertThat(secrets(this.endpoints.get("sub_rotated"))).hasSize(1);
	}

	@Test
	void aSubscriptionThatCannotBeDeliveredToIsLeftOutAndTheOthersStay() {
		create("sub_good", "order.created");
		this.store.create(new Subscription("sub_bad", "alice", URI.create("https://93.184.215.14/"),
				List.of("order.created"), null, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", null, null, Map.of(),
				"no-such-scheme", 0, false, NOW, NOW, 0));
		this.endpoints.refresh();
		assertThat(names(this.endpoints.getSubscribers("order.created"))).containsExactly("sub_good");
		assertThat(this.endpoints.get("sub_bad")).isNull();
	}

	private Subscription create(String id, String... events) {
		return this.store.create(new Subscription(id, "alice", URI.create("https://93.184.215.14/" + id),
				List.of(events), null, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", null, null, Map.of(), "standard", 0,
				false, NOW, NOW, 0));
	}

	private static Subscription copy(Subscription current, List<String> events, String secret, String previous,
			Instant previousExpiresAt) {
		return new Subscription(current.id(), current.owner(), current.url(), events, current.description(), secret,
				previous, previousExpiresAt, current.headers(), current.signature(), current.rateLimit(),
				current.ordered(), current.createdAt(), NOW, current.version());
	}

	private static List<String> names(List<WebhookEndpoint> endpoints) {
		return endpoints.stream().map(WebhookEndpoint::name).toList();
	}

	private static List<Secret> secrets(WebhookEndpoint endpoint) {
		assertThat(endpoint).isNotNull();
		return endpoint.secrets();
	}

}
