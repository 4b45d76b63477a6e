package io.github.webhookstarter.outbound;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;
import io.github.webhookstarter.store.memory.InMemoryEndpointStateStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WebhookEndpoints}.
 *
 * @author Webhook Starter team
 */
class WebhookEndpointsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private final EndpointStateStore stateStore = new InMemoryEndpointStateStore();

	private final WebhookEndpoints endpoints = new WebhookEndpoints(List.of(endpoint("a", true),
			endpoint("b", true), endpoint("off", false)), this.stateStore);

	@Test
	void endpointsMustHaveDistinctNames() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookEndpoints(List.of(endpoint("a", true), endpoint("a", false)),
					this.stateStore))
			.withMessage("Two webhook endpoints are named 'a'");
	}

	@Test
	void endpointDisabledAtRuntimeStillSubscribesAfterTheEventSoThatItsWebhooksWait() {
		assertThat(this.endpoints.disable("a", "it answered 410 Gone", NOW)).isTrue();
		assertThat(this.endpoints.getSubscribers(EventPhase.AFTER, "order.created")).extracting(WebhookEndpoint::name)
			.containsExactly("a", "b");
		assertThat(this.endpoints.getSubscribers(EventPhase.BEFORE, "order.created"))
			.extracting(WebhookEndpoint::name)
			.containsExactly("b");
	}

	@Test
	void endpointConfiguredAsNotEnabledSubscribesToNothing() {
		assertThat(this.endpoints.getSubscribers(EventPhase.AFTER, "order.created")).extracting(WebhookEndpoint::name)
			.containsExactly("a", "b");
		assertThat(this.endpoints.getSubscribers(EventPhase.BEFORE, "order.created"))
			.extracting(WebhookEndpoint::name)
			.containsExactly("a", "b");
		assertThat(this.endpoints.isEnabled("off")).isFalse();
		this.endpoints.enable("off");
		assertThat(this.endpoints.isEnabled("off")).isFalse();
	}

	@Test
	void runtimeStateIsTheStoresSoThatEveryInstanceSharesIt() {
		WebhookEndpoints otherInstance = new WebhookEndpoints(List.of(endpoint("a", true)), this.stateStore);
		assertThat(this.endpoints.disable("a", "every attempt failed", NOW)).isTrue();
		assertThat(otherInstance.isEnabled("a")).isFalse();
		assertThat(otherInstance.disable("a", "it answered 410 Gone", NOW)).isFalse();
		assertThat(this.stateStore.find("a").disabledReason()).isEqualTo("every attempt failed");
		assertThat(otherInstance.enable("a")).isTrue();
		assertThat(this.endpoints.isEnabled("a")).isTrue();
		assertThat(this.endpoints.enable("a")).isFalse();
	}

	@Test
	void disabledEndpointsAreTheKnownOnesDisabledByConfigurationOrAtRuntime() {
		this.endpoints.disable("a", "gone", NOW);
		// by an instance that knows an endpoint this one does not
		this.stateStore.disable("unknown", "gone", NOW);
		assertThat(this.endpoints.getDisabledEndpoints()).containsExactlyInAnyOrder("a", "off");
		assertThat(this.endpoints.isEnabled("b")).isTrue();
		assertThat(this.endpoints.isEnabled("unknown")).isFalse();
	}

	@Test
	void unknownEndpointIsNotDisabled() {
		assertThat(this.endpoints.disable("unknown", "gone", NOW)).isFalse();
		assertThat(this.stateStore.find("unknown")).isNull();
	}

	private static WebhookEndpoint endpoint(String name, boolean enabled) {
		return WebhookEndpoint.builder(name, URI.create("https://example.com/" + name))
			.events("order.*", "before:order.*")
			.signature(new StandardWebhooksSignatureScheme(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
			.enabled(enabled)
			.build();
	}

}
