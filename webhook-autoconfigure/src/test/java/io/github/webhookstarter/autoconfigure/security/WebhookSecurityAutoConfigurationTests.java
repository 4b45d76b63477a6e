package io.github.webhookstarter.autoconfigure.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.SecurityFilterChain;

import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhookSecurityAutoConfiguration}.
 */
class WebhookSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, WebhookSigningAutoConfiguration.class,
				WebhookStoreAutoConfiguration.class,
				WebhookInboundAutoConfiguration.class,
				WebhookSecurityAutoConfiguration.class))
		.withPropertyValues("webhook.inbound.sources.open.allow-unauthenticated=true");

	@Test
	void addsWebhookChainAndKeepsBootsDefaultChain() {
		this.contextRunner.run((context) -> {
			SecurityFilterChain webhookChain = context.getBean("webhookSecurityFilterChain", SecurityFilterChain.class);
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
			// in the order Spring Security tries them, the first that matches a request handles
			// it: webhook calls go to the webhook chain, everything else to Boot's
			List<SecurityFilterChain> chains = context.getBeanProvider(SecurityFilterChain.class).orderedStream().toList();
			assertThat(chains).hasSize(2).first().isSameAs(webhookChain);
			SecurityFilterChain bootsChain = chains.get(1);
			assertThat(firstMatching(chains, request("POST", "/webhooks/open"))).isSameAs(webhookChain);
			for (MockHttpServletRequest other : List.of(request("GET", "/webhooks/open"), request("POST", "/orders"),
					request("GET", "/"), request("POST", "/webhooks/open/more"))) {
				assertThat(firstMatching(chains, other)).isSameAs(bootsChain);
			}
		});
	}

	@Test
	void chainMatchesPostToSourcePathsOnly() {
		this.contextRunner.run((context) -> {
			SecurityFilterChain chain = context.getBean("webhookSecurityFilterChain", SecurityFilterChain.class);
			assertThat(chain.matches(request("POST", "/webhooks/open"))).isTrue();
			assertThat(chain.matches(request("GET", "/webhooks/open"))).isFalse();
			assertThat(chain.matches(request("PUT", "/webhooks/open"))).isFalse();
			assertThat(chain.matches(request("POST", "/webhooks/open/push"))).isFalse();
			assertThat(chain.matches(request("POST", "/webhooks/admin"))).isFalse();
			assertThat(chain.matches(request("POST", "/webhooks"))).isFalse();
		});
	}

	@Test
	void chainMatchesOneSegmentBelowSourceWithEventTypeInPath() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.events.allow-unauthenticated=true",
					"webhook.inbound.sources.events.path=/hooks/events", "webhook.inbound.sources.events.event-type=path")
			.run((context) -> {
				SecurityFilterChain chain = context.getBean("webhookSecurityFilterChain", SecurityFilterChain.class);
				assertThat(chain.matches(request("POST", "/hooks/events"))).isTrue();
				assertThat(chain.matches(request("POST", "/hooks/events/order.created"))).isTrue();
				assertThat(chain.matches(request("GET", "/hooks/events/order.created"))).isFalse();
				assertThat(chain.matches(request("POST", "/hooks/events/order/created"))).isFalse();
				assertThat(chain.matches(request("POST", "/hooks/other"))).isFalse();
				assertThat(chain.matches(request("POST", "/webhooks/order.created"))).isFalse();
			});
	}

	@Test
	void chainMatchesOnlyTheRootPathForRootSourceUnderRootBasePath() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.path=/", "webhook.inbound.sources.open.path=/")
			.run((context) -> {
				SecurityFilterChain chain = context.getBean("webhookSecurityFilterChain", SecurityFilterChain.class);
				assertThat(chain.matches(request("POST", "/"))).isTrue();
				assertThat(chain.matches(request("GET", "/"))).isFalse();
				assertThat(chain.matches(request("POST", "/x"))).isFalse();
				assertThat(chain.matches(request("POST", "/open"))).isFalse();
			});
	}

	@Test
	void chainMatchesNothingWithoutSources() {
		this.contextRunner.withPropertyValues("webhook.inbound.sources.open.enabled=false").run((context) -> {
			SecurityFilterChain chain = context.getBean("webhookSecurityFilterChain", SecurityFilterChain.class);
			assertThat(chain.matches(request("POST", "/webhooks/open"))).isFalse();
			assertThat(chain.matches(request("POST", "/webhooks/admin"))).isFalse();
			assertThat(chain.matches(request("POST", "/"))).isFalse();
		});
	}

	@Test
	void backsOffWithoutSpringSecurityWeb() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
			.run((context) -> assertThat(context).doesNotHaveBean("webhookSecurityFilterChain"));
	}

	@Test
	void backsOffWhenInboundIsDisabled() {
		this.contextRunner.withPropertyValues("webhook.inbound.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("webhookSecurityFilterChain"));
	}

	private static SecurityFilterChain firstMatching(List<SecurityFilterChain> chains, MockHttpServletRequest request) {
		return chains.stream().filter((chain) -> chain.matches(request)).findFirst().orElseThrow();
	}

	private static MockHttpServletRequest request(String method, String path) {
		return new MockHttpServletRequest(method, path);
	}

}
