package io.github.webhookstarter.autoconfigure.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.DispatcherServlet;

import io.github.webhookstarter.autoconfigure.DefaultBackOffAssertions;
import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationFailureAnalyzer;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.inbound.InboundMode;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundWorker;
import io.github.webhookstarter.inbound.WebhookAuthenticator;
import io.github.webhookstarter.inbound.WebhookListenerRegistry;
import io.github.webhookstarter.inbound.WebhookRequestHandler;
import io.github.webhookstarter.inbound.WebhookSource;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureVerification;
import io.github.webhookstarter.signing.SignedContent;
import io.github.webhookstarter.store.memory.InMemoryInboundStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhookInboundAutoConfiguration}.
 */
class WebhookInboundAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhookSigningAutoConfiguration.class, WebhookStoreAutoConfiguration.class,
					WebhookInboundAutoConfiguration.class));

	private final WebApplicationContextRunner webMvcContextRunner = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class));

	@Test
	void configuresTheInboundSide() {
		this.contextRunner.withPropertyValues("webhook.inbound.sources.github.signature=github",
				"webhook.inbound.sources.github.secret=s3cret")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebhookRequestHandler.class)
					.hasSingleBean(WebhookListenerRegistry.class)
					.hasSingleBean(InboundWorker.class)
					.hasBean("webhookHandlerMapping");
				assertThat(context).getBean(InboundStore.class).isInstanceOf(InMemoryInboundStore.class);
				WebhookSource github = context.getBean(WebhookSources.class).getSources().iterator().next();
				assertThat(github.path()).isEqualTo("/webhooks/github");
				assertThat(github.signatureScheme().name()).isEqualTo("github");
				assertThat(github.eventTypeLocation()).hasToString("header:X-GitHub-Event");
				assertThat(github.idLocation()).hasToString("header:X-GitHub-Delivery");
				assertThat(github.mode()).isEqualTo(InboundMode.ASYNC);
			});
	}

	@Test
	void retriesListenersOnTheDefaultSchedule() {
		this.contextRunner.withPropertyValues("webhook.inbound.sources.open.allow-unauthenticated=true")
			.run((context) -> DefaultBackOffAssertions.assertIsTheDefaultSchedule(
					(BackOff) ReflectionTestUtils.getField(context.getBean(InboundWorker.class), "backOff")));
	}

	@Test
	void sourceSettingsOverrideDefaults() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.path=/in", "webhook.inbound.mode=sync",
					"webhook.inbound.sources.a.allow-unauthenticated=true",
					"webhook.inbound.sources.a.event-type=json:/kind", "webhook.inbound.sources.a.id=header:X-Id",
					"webhook.inbound.sources.b.allow-unauthenticated=true", "webhook.inbound.sources.b.path=/",
					"webhook.inbound.sources.b.mode=async")
			.run((context) -> {
				List<WebhookSource> sources = List.copyOf(context.getBean(WebhookSources.class).getSources());
				assertThat(sources).extracting(WebhookSource::path).containsExactly("/in/a", "/");
				assertThat(sources).extracting(WebhookSource::mode).containsExactly(InboundMode.SYNC, InboundMode.ASYNC);
				assertThat(sources.get(0).eventTypeLocation()).hasToString("json:/kind");
				assertThat(sources.get(0).idLocation()).hasToString("header:X-Id");
				assertThat(sources.get(1).eventTypeLocation()).hasToString("json:/type");
				assertThat(sources.get(1).idLocation()).isNull();
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("webhook.inbound.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookRequestHandler.class)
				.doesNotHaveBean(InboundWorker.class));
	}

	@Test
	void backsOffOutsideAServletWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebhookSigningAutoConfiguration.class, WebhookStoreAutoConfiguration.class,
					WebhookInboundAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookRequestHandler.class));
	}

	@Test
	void backsOffWithoutSpringMvc() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookRequestHandler.class));
	}

	@Test
	void usesTheApplicationsStore() {
		this.contextRunner.withBean("customStore", InboundStore.class, InMemoryInboundStore::new)
			.run((context) -> assertThat(context).getBean(InboundStore.class)
				.isSameAs(context.getBean("customStore")));
	}

	@Test
	void customSignatureSchemeBeanIsSelectedByName() {
		this.contextRunner.withBean(SignatureScheme.class, AlwaysValidScheme::new)
			.withPropertyValues("webhook.inbound.sources.partner.signature=always",
					"webhook.inbound.sources.partner.secret=x")
			.run((context) -> assertThat(context.getBean(WebhookSources.class).getSources().iterator().next()
				.signatureScheme()).isInstanceOf(AlwaysValidScheme.class));
	}

	@Test
	void authenticatorIsSelectedByBeanName() {
		WebhookAuthenticator authenticator = (request) -> null;
		this.contextRunner.withBean("partnerAuthenticator", WebhookAuthenticator.class, () -> authenticator)
			.withPropertyValues("webhook.inbound.sources.partner.authenticator=partnerAuthenticator")
			.run((context) -> assertThat(
					context.getBean(WebhookSources.class).getSources().iterator().next().authenticator())
				.isSameAs(authenticator));
	}

	@Test
	void sourceWithoutAnyAuthenticationFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("webhook.inbound.sources.open.event-type=path")
			.run(failsWith("Webhook source 'open': it has neither a signature nor an authenticator",
					"webhook.inbound.sources.open.allow-unauthenticated"));
	}

	@Test
	void unknownSchemeFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.x.signature=gitlab", "webhook.inbound.sources.x.secret=s")
			.run(failsWith("signature 'gitlab' is not a known scheme", "webhook.inbound.sources.x.signature"));
	}

	@Test
	void hmacWithoutHeaderFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.x.signature=hmac", "webhook.inbound.sources.x.secret=s")
			.run(failsWith("signature 'hmac' is misconfigured", "webhook.inbound.sources.x.hmac.header"));
	}

	@Test
	void payloadIsTheDataOfAStandardWebhookAndTheWholeBodyOtherwise() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.std.signature=standard",
					"webhook.inbound.sources.std.secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
					"webhook.inbound.sources.std-whole.signature=standard",
					"webhook.inbound.sources.std-whole.secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
					"webhook.inbound.sources.std-whole.payload=body",
					"webhook.inbound.sources.gh.signature=github", "webhook.inbound.sources.gh.secret=s",
					"webhook.inbound.sources.nested.allow-unauthenticated=true",
					"webhook.inbound.sources.nested.payload=json:/detail/object")
			.run((context) -> {
				WebhookSources sources = context.getBean(WebhookSources.class);
				assertThat(sources.payloadLocation("std")).hasToString("/data");
				assertThat(sources.payloadLocation("std-whole").matches()).isTrue();
				assertThat(sources.payloadLocation("gh").matches()).isTrue();
				assertThat(sources.payloadLocation("nested")).hasToString("/detail/object");
			});
	}

	@Test
	void leaseThatIsNotPositiveFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("webhook.inbound.lease=0s")
			.run(failsWith("every stored call would be claimed again at once", "webhook.inbound.lease"));
	}

	@Test
	void payloadThatIsNoJsonPointerFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.x.allow-unauthenticated=true",
					"webhook.inbound.sources.x.payload=data")
			.run(failsWith("payload location 'data' is neither a JSON pointer nor the body",
					"webhook.inbound.sources.x.payload"));
	}

	@Test
	void storedHeadersAreTheSchemesAndTheSourcesButNeverCredentials() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.gh.signature=github", "webhook.inbound.sources.gh.secret=s",
					"webhook.inbound.sources.gh.stored-headers=X-Request-Source,Authorization,Cookie")
			.run((context) -> {
				WebhookSource source = context.getBean(WebhookSources.class).getSources().iterator().next();
				assertThat(source.storedHeaders()).containsExactlyInAnyOrder("content-type", "user-agent",
						"x-github-event", "x-github-delivery", "x-github-hook-id",
						"x-github-hook-installation-target-type", "x-github-hook-installation-target-id",
						"x-request-source");
			});
	}

	@Test
	void signatureWithoutSecretFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("webhook.inbound.sources.x.signature=github")
			.run(failsWith("configured without a secret", "webhook.inbound.sources.x.secret"));
	}

	@Test
	void secretTheSchemeCannotUseFailsWithAnalysisThatHidesIt() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.x.signature=standard",
					"webhook.inbound.sources.x.secret=whsec_not*base64*at-all")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("a secret cannot be used with signature 'standard'")
					.doesNotContain("not*base64*at-all");
			});
	}

	@Test
	void missingAuthenticatorBeanFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("webhook.inbound.sources.x.authenticator=nope")
			.run(failsWith("authenticator 'nope' is not a WebhookAuthenticator bean",
					"Define a bean of type WebhookAuthenticator named 'nope'"));
	}

	@Test
	void invalidLocationFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.x.allow-unauthenticated=true",
					"webhook.inbound.sources.x.event-type=body.type")
			.run(failsWith("'body.type' is not a value location", "webhook.inbound.sources.x.event-type"));
	}

	@Test
	void inflateRatioBelowOneFailsWithAnalysis() {
		this.contextRunner.withPropertyValues("webhook.inbound.max-inflate-ratio=0.5")
			.run(failsWith("Webhook inbound limits: maxInflateRatio must be a finite number of at least 1",
					"'webhook.inbound.max-inflate-ratio' to a number of at least 1"));
	}

	@Test
	void sourcesSharingAPathFailWithAnalysis() {
		this.contextRunner
			.withPropertyValues("webhook.inbound.sources.a.allow-unauthenticated=true", "webhook.inbound.sources.a.path=/in",
					"webhook.inbound.sources.b.allow-unauthenticated=true", "webhook.inbound.sources.b.path=/in/")
			.run(failsWith("both answer at path", "Set a distinct 'path'"));
	}

	@Test
	void applicationMappingOnSourcePathFailsWithAnalysis() {
		this.webMvcContextRunner.withUserConfiguration(GitHubController.class)
			.withPropertyValues("webhook.inbound.sources.github.signature=github",
					"webhook.inbound.sources.github.secret=s3cret")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Webhook source 'github'")
					.contains("'/webhooks/github'")
					.contains(GitHubController.class.getSimpleName() + "#receive(")
					.contains("mapped to '/webhooks/{name}'");
				assertThat(analysis.getAction()).contains("'webhook.inbound.sources.github.path'")
					.contains("change the mapping of");
			});
	}

	@Test
	void applicationMappingOneSegmentBelowRootSourceWithEventTypeInPathFailsWithAnalysis() {
		this.webMvcContextRunner.withUserConfiguration(XController.class)
			.withPropertyValues("webhook.inbound.sources.root.allow-unauthenticated=true",
					"webhook.inbound.sources.root.path=/", "webhook.inbound.sources.root.event-type=path")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context);
				assertThat(analysis.getDescription()).contains("Webhook source 'root'")
					.contains("'/' and one path segment below it")
					.contains(XController.class.getSimpleName() + "#post(")
					.contains("mapped to '/x'");
				assertThat(analysis.getAction()).contains("'webhook.inbound.sources.root.path'");
			});
	}

	@Test
	void mappingsThatCannotTakeWebhooksDoNotFail() {
		this.webMvcContextRunner.withUserConfiguration(GetOnlyController.class, XYController.class)
			.withPropertyValues("webhook.inbound.sources.github.signature=github",
					"webhook.inbound.sources.github.secret=s3cret",
					"webhook.inbound.sources.root.allow-unauthenticated=true", "webhook.inbound.sources.root.path=/",
					"webhook.inbound.sources.root.event-type=path")
			.run((context) -> assertThat(context).hasNotFailed().hasBean("basicErrorController"));
	}

	private static ContextConsumer<AssertableWebApplicationContext> failsWith(String description, String action) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = analyze(context);
			assertThat(analysis.getDescription()).contains(description);
			assertThat(analysis.getAction()).contains(action);
		};
	}

	private static FailureAnalysis analyze(AssertableWebApplicationContext context) {
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidWebhookConfigurationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("InvalidWebhookConfigurationException in the cause chain").isNotNull();
		return new InvalidWebhookConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
	}

	@RestController
	static class GitHubController {

		@RequestMapping("/webhooks/{name}")
		void receive() {
		}

	}

	@RestController
	static class XController {

		@PostMapping("/x")
		void post() {
		}

	}

	@RestController
	static class GetOnlyController {

		@GetMapping("/webhooks/github")
		void get() {
		}

	}

	@RestController
	static class XYController {

		@PostMapping("/x/y")
		void post() {
		}

	}

	static class AlwaysValidScheme implements SignatureScheme {

		@Override
		public String name() {
			return "always";
		}

		@Override
		public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
			return new HttpHeaders();
		}

		@Override
		public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
				Duration tolerance) {
			return SignatureVerification.VALID;
		}

	}

}
