package io.github.webhookstarter.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundProperties;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.outbound.WebhookEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UnknownWebhookPropertiesCheck}: a misspelled key under {@code webhook} stops
 * the application with the nearest valid key, and no valid key does.
 */
class WebhookPropertyTyposTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String ENDPOINT = "webhook.outbound.endpoints[0].";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhookSigningAutoConfiguration.class,
				WebhookStoreAutoConfiguration.class, WebhookInboundAutoConfiguration.class,
				WebhookOutboundAutoConfiguration.class));

	@Test
	void misspelledKeyIsExplained() {
		this.contextRunner.withPropertyValues("webhook.inbound.max-body-sise=2MB")
			.run(failsWith("Webhook configuration: unknown property 'webhook.inbound.max-body-sise' in property "
					+ "source 'test', did you mean 'webhook.inbound.max-body-size'?", "Correct the key, or remove it."));
	}

	@Test
	void misspelledKeyOfASourceIsExplainedRatherThanWhatItsAbsenceBreaks() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.github.signature=github",
					"webhook.inbound.sources.github.secrett=s3cret")
			.run(failsWith("did you mean 'webhook.inbound.sources.github.secret'?", "Correct the key, or remove it."));
	}

	@Test
	void misspelledKeyOfAnEndpointIsExplained() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=" + SECRET,
					ENDPOINT + "timout=5s")
			.run(failsWith("'webhook.outbound.endpoints[0].timout' in property source 'test', did you mean "
					+ "'webhook.outbound.endpoints[0].timeout'?", "Correct the key, or remove it."));
	}

	@Test
	void everyMisspelledKeyIsListed() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.partner.signature=hmac",
					"webhook.inbound.sources.partner.secret=s3cret", "webhook.inbound.sources.partner.hmac.headr=X-Sig",
					ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=" + SECRET,
					ENDPOINT + "backoff.max-atempts=3", "webhook.inbund.path=/in")
			.run(failsWith("unknown properties", "Correct each key, or remove it.",
					"did you mean 'webhook.inbound.sources.partner.hmac.header'?",
					"did you mean 'webhook.outbound.endpoints[0].backoff.max-attempts'?",
					"did you mean 'webhook.inbound.path'?"));
	}

	@Test
	void misspelledKeyInRelaxedFormIsExplained() {
		this.contextRunner.withPropertyValues("webhook.inbound.maxBodySise=2MB")
			.run(failsWith("did you mean 'webhook.inbound.max-body-size'?", "Correct the key, or remove it."));
	}

	@Test
	void endpointWrittenAsAMapIsExplained() {
		this.contextRunner.withPropertyValues("webhook.outbound.endpoints.url=https://example.com/hook")
			.run(failsWith("did you mean 'webhook.outbound.endpoints[0].url'?", "Correct the key, or remove it."));
	}

	@Test
	void validKeysInEveryFormDoNotFail() {
		this.contextRunner
			.withPropertyValues("webhook.store=memory", "webhook.retention=1d", "webhook.inbound.maxDecodedSize=20MB",
					"webhook.inbound.poll_interval=2s", "webhook.inbound.backoff.intervals[0]=1s",
					"webhook.inbound.memory.max-calls=10", "webhook.inbound.sources.github.signature=github",
					"webhook.inbound.sources.github.secret=s3cret", "webhook.inbound.sources[stripe].signature=stripe",
					"webhook.inbound.sources[stripe].secrets[0]=whsec_a",
					"webhook.inbound.sources[stripe].content-types=text/plain",
					"webhook.inbound.sources.partner.signature=hmac", "webhook.inbound.sources.partner.secret=s3cret",
					"webhook.inbound.sources.partner.hmac.header=X-Sig",
					"webhook.outbound.signature=standard", ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=" + SECRET, ENDPOINT + "headers.X-Api-Key=k", ENDPOINT + "headers[X.Tenant]=t",
					ENDPOINT + "events[0]=order.*", ENDPOINT + "backoff=false",
					"webhook.outbound.endpoints[1].url=https://example.com/other",
					"webhook.outbound.endpoints[1].secret=" + SECRET,
					"webhook.outbound.endpoints[1].backoff.intervals=1s,2s",
					"webhook.outbound.endpoints[1].rateLimit=5", "webhook.outbound.memory.max-deliveries=10",
					"webhook.jdbc.initialize-schema=never", "webhook.jdbc.table-prefix=hooks_")
			// names as environment variables have them, checked unlike the real ones; last, as the
			// binder takes a list from the first source that has one of its elements
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addLast(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("WEBHOOK_INBOUND_MAXBODYSIZE", "3MB", "WEBHOOK_INBOUND_SOURCES_GITHUB_TOLERANCE", "1m",
								"WEBHOOK_OUTBOUND_ENDPOINTS_0_TIMEOUT", "5s"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(WebhookInboundProperties.class).getMaxBodySize().toMegabytes())
					.isEqualTo(3);
				assertThat(context.getBean(WebhookSources.class).getSources()).hasSize(3);
				assertThat(context.getBean(WebhookEndpoints.class).getEndpoints()).hasSize(2);
			});
	}

	@Test
	void environmentVariablesAndSystemPropertiesAreLeftToOtherUses() {
		this.contextRunner.withSystemProperties("webhook.secret=s3cret")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("WEBHOOK_URL", "https://chat.example.com/hook"))))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static ContextConsumer<AssertableWebApplicationContext> failsWith(String description, String action,
			String... moreDescription) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidWebhookConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).as("failure analysis").isNotNull();
			assertThat(analysis.getDescription()).contains(description);
			for (String more : moreDescription) {
				assertThat(analysis.getDescription()).contains(more);
			}
			assertThat(analysis.getAction()).isEqualTo(action);
		};
	}

}
