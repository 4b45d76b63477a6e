package io.github.webhookstarter.autoconfigure.outbound;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationFailureAnalyzer;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.outbound.UrlPolicy;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookSender;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The URL policy: bound from {@code webhook.outbound.url-policy}, applied to the configured
 * endpoints at startup only with {@code apply-to-static}.
 */
class UrlPolicyAutoConfigurationTests {

	private static final String ENDPOINT = "webhook.outbound.endpoints[0].";

	private static final String POLICY = "webhook.outbound.url-policy.";

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhookSigningAutoConfiguration.class,
				WebhookStoreAutoConfiguration.class, WebhookOutboundAutoConfiguration.class));

	@Test
	void defaultPolicyIsHttpsOnlyWithPublicAddressesAndIsNotAppliedToStaticEndpoints() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "name=local", ENDPOINT + "url=http://127.0.0.1:1/hook",
					ENDPOINT + "secret=" + SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(WebhookSender.class);
				UrlPolicy policy = context.getBean(UrlPolicy.class);
				assertThat(policy.isHttpsOnly()).isTrue();
				assertThat(policy.isAllowPrivate()).isFalse();
				assertThat(policy.getAllowedHosts()).isEmpty();
				assertThat(policy.getDeniedHosts()).isEmpty();
				assertThat(context.getBean(WebhookOutboundProperties.class).getUrlPolicy().isApplyToStatic())
					.isFalse();
			});
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner
			.withPropertyValues(POLICY + "https-only=false", POLICY + "allow-private=true",
					POLICY + "allowed-hosts=*.example.com,hooks.partner.com", POLICY + "denied-hosts[0]=bad.example.com")
			.run((context) -> {
				UrlPolicy policy = context.getBean(UrlPolicy.class);
				assertThat(policy.isHttpsOnly()).isFalse();
				assertThat(policy.isAllowPrivate()).isTrue();
				assertThat(policy.getAllowedHosts()).containsExactly("*.example.com", "hooks.partner.com");
				assertThat(policy.getDeniedHosts()).containsExactly("bad.example.com");
			});
	}

	@Test
	void userDefinedPolicyIsUsed() {
		UrlPolicy custom = UrlPolicy.builder().build();
		this.contextRunner.withBean(UrlPolicy.class, () -> custom)
			.run((context) -> assertThat(context).getBean(UrlPolicy.class).isSameAs(custom));
	}

	@Test
	void misspelledKeyIsExplained() {
		this.contextRunner.withPropertyValues(POLICY + "alow-private=true")
			.run(failsWith("did you mean 'webhook.outbound.url-policy.allow-private'?", "Correct the key"));
	}

	@Test
	void invalidHostPatternFailsStartup() {
		this.contextRunner.withPropertyValues(POLICY + "denied-hosts=foo*.com")
			.run(failsWith("Webhook URL policy: 'foo*.com' is not a host name",
					"Set 'webhook.outbound.url-policy.denied-hosts' to host names"));
	}

	@Test
	void privateStaticEndpointFailsStartupWhenThePolicyAppliesToIt() {
		this.contextRunner
			.withPropertyValues(POLICY + "apply-to-static=true", POLICY + "https-only=false",
					ENDPOINT + "name=local", ENDPOINT + "url=http://user:s3cret@127.0.0.1:1/hook?token=s3cret",
					ENDPOINT + "secret=" + SECRET)
			.run(failsWith(
					"Webhook endpoint 'local': url refused by the URL policy: 127.0.0.1 is a loopback address",
					"Set 'webhook.outbound.endpoints[0].url' to a URL of a public host, or set "
							+ "'webhook.outbound.url-policy.allow-private' to true"));
	}

	@Test
	void httpStaticEndpointFailsStartupWhenThePolicyAppliesToIt() {
		this.contextRunner
			.withPropertyValues(POLICY + "apply-to-static=true", ENDPOINT + "name=plain",
					ENDPOINT + "url=http://example.com/hook", ENDPOINT + "secret=" + SECRET)
			.run(failsWith("Webhook endpoint 'plain': url refused by the URL policy: scheme 'http' is not https",
					"'webhook.outbound.url-policy.https-only' to false"));
	}

	@Test
	void deniedBeanEndpointFailsStartupWhenThePolicyAppliesToIt() {
		WebhookEndpoint bean = WebhookEndpoint.builder("bean", URI.create("https://hooks.internal.example.com/"))
			.signature(new StandardWebhooksSignatureScheme(), SECRET)
			.build();
		this.contextRunner.withBean("beanEndpoint", WebhookEndpoint.class, () -> bean)
			.withPropertyValues(POLICY + "apply-to-static=true", POLICY + "denied-hosts=*.internal.example.com")
			.run(failsWith("Webhook endpoint 'bean': url refused by the URL policy: host hooks.internal.example.com "
					+ "is denied (*.internal.example.com)", "Set the url of the WebhookEndpoint bean 'bean'"));
	}

	@Test
	void privateStaticEndpointStartsWhenPrivateAddressesAreAllowed() {
		this.contextRunner
			.withPropertyValues(POLICY + "apply-to-static=true", POLICY + "https-only=false",
					POLICY + "allow-private=true", ENDPOINT + "url=http://127.0.0.1:1/hook",
					ENDPOINT + "secret=" + SECRET)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static ContextConsumer<AssertableApplicationContext> failsWith(String description, String action) {
		return (context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (failure != null && !(failure instanceof InvalidWebhookConfigurationException)) {
				failure = failure.getCause();
			}
			assertThat(failure).as("InvalidWebhookConfigurationException in the cause chain").isNotNull();
			FailureAnalysis analysis = new InvalidWebhookConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains(description).doesNotContain("s3cret");
			assertThat(analysis.getAction()).contains(action);
			if (analysis.getDescription().startsWith("Webhook endpoint")) {
				assertThat(analysis.getAction()).contains("'webhook.outbound.url-policy.apply-to-static' is true");
			}
		};
	}

}
