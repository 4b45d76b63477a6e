package io.github.webhookstarter.autoconfigure.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.autoconfigure.DefaultBackOffAssertions;
import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationFailureAnalyzer;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.codec.Compression;
import io.github.webhookstarter.outbound.DeliveryDispatcher;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.DeliveryStoreFullException;
import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.outbound.EventPhase;
import io.github.webhookstarter.outbound.SendResult;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.internal.WebhookEventPublicationListener;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.outbound.WebhookPublisher;
import io.github.webhookstarter.outbound.WebhookSender;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;
import io.github.webhookstarter.store.memory.InMemoryEndpointStateStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebhookOutboundAutoConfiguration}.
 */
class WebhookOutboundAutoConfigurationTests {

	private static final String ENDPOINT = "webhook.outbound.endpoints[0].";

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhookSigningAutoConfiguration.class,
				WebhookStoreAutoConfiguration.class, WebhookOutboundAutoConfiguration.class));

	@Test
	void configuresTheOutboundSideWithoutAWebServer() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WebhookPublisher.class)
				.hasSingleBean(DeliveryDispatcher.class)
				.hasSingleBean(WebhookSender.class)
				.hasSingleBean(WebhookEventPublicationListener.class);
			assertThat(context).getBean(DeliveryStore.class).isInstanceOf(InMemoryDeliveryStore.class);
			assertThat(context.getBean(WebhookEndpoints.class).getEndpoints()).isEmpty();
		});
	}

	@Test
	void endpointBeansJoinTheConfiguredEndpoints() {
		WebhookEndpoint bean = WebhookEndpoint.builder("bean", URI.create("https://example.com/bean"))
			.events("order.*")
			.signature(new StandardWebhooksSignatureScheme(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
			.build();
		this.contextRunner.withBean("beanEndpoint", WebhookEndpoint.class, () -> bean)
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=s",
					ENDPOINT + "signature=github")
			.run((context) -> assertThat(context.getBean(WebhookEndpoints.class).getEndpoints())
				.extracting(WebhookEndpoint::name)
				.containsExactly("bean", "endpoint-0"));
	}

	@Test
	void backlogIsAGauge() {
		// a disabled endpoint's deliveries stay pending
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
			.withPropertyValues(ENDPOINT + "name=a", ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ENDPOINT + "enabled=false")
			.run((context) -> {
				context.getBean(DeliveryStore.class)
					.save(new WebhookMessage("msg_1", "order.created", Instant.now(), new byte[0]), List.of("a"));
				assertThat(context.getBean(MeterRegistry.class).get("webhook.delivery.backlog").gauge().value())
					.isEqualTo(1);
			});
	}

	@Test
	void publishingBeyondTheBoundOfTheInMemoryStoreFailsInThePublisher() {
		// nothing listens on port 1: the first delivery is never delivered, and so never forgotten
		this.contextRunner
			.withPropertyValues("webhook.outbound.memory.max-deliveries=1", ENDPOINT + "url=http://localhost:1/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
			.run((context) -> {
				context.getBean(WebhookPublisher.class).publish("order.created", "first");
				assertThatExceptionOfType(DeliveryStoreFullException.class)
					.isThrownBy(() -> context.getBean(WebhookPublisher.class).publish("order.created", "second"))
					.withMessageStartingWith("The in-memory delivery store is full: it holds at most 1 deliveries")
					.withMessageEndingWith("Raise 'webhook.outbound.memory.max-deliveries', or use a JDBC store, "
							+ "which is durable and unbounded.");
				assertThatExceptionOfType(DeliveryStoreFullException.class)
					.isThrownBy(() -> context.publishEvent(new OrderCreated("o-1")));
				assertThat(context.getBean(DeliveryStore.class).countUnfinished()).isOne();
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("webhook.outbound.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookPublisher.class)
				.doesNotHaveBean(DeliveryDispatcher.class)
				.doesNotHaveBean(WebhookEventPublicationListener.class));
	}

	@Test
	void usesTheApplicationsStoreAndPublisher() {
		WebhookPublisher publisher = (type, payload) -> new WebhookMessage("msg_custom", type, Instant.now(),
				new byte[0]);
		this.contextRunner.withBean("customStore", DeliveryStore.class, InMemoryDeliveryStore::new)
			.withBean("customPublisher", WebhookPublisher.class, () -> publisher)
			.run((context) -> {
				assertThat(context).getBean(DeliveryStore.class).isSameAs(context.getBean("customStore"));
				assertThat(context).getBean(WebhookPublisher.class).isSameAs(publisher);
			});
	}

	@Test
	void endpointsKeepTheirRuntimeStateInTheEndpointStateStore() {
		EndpointStateStore stateStore = new InMemoryEndpointStateStore();
		stateStore.disable("endpoint-0", "disabled by another instance", Instant.now());
		this.contextRunner.withBean("customStateStore", EndpointStateStore.class, () -> stateStore)
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=" + SECRET,
					"webhook.outbound.endpoints[1].name=other",
					"webhook.outbound.endpoints[1].url=https://example.com/other",
					"webhook.outbound.endpoints[1].secret=" + SECRET)
			.run((context) -> {
				WebhookEndpoints endpoints = context.getBean(WebhookEndpoints.class);
				assertThat(endpoints.isEnabled("endpoint-0")).isFalse();
				assertThat(endpoints.disable("other", "disabled by hand", Instant.now())).isTrue();
				assertThat(stateStore.findDisabled()).containsExactlyInAnyOrder("endpoint-0", "other");
			});
	}

	@Test
	void endpointConfiguredAsNotEnabledSubscribesToNothing() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=" + SECRET,
					ENDPOINT + "events=order.*,before:order.*", ENDPOINT + "enabled=false")
			.run((context) -> {
				WebhookEndpoints endpoints = context.getBean(WebhookEndpoints.class);
				assertThat(endpoints.getSubscribers(EventPhase.AFTER, "order.created")).isEmpty();
				assertThat(endpoints.getSubscribers(EventPhase.BEFORE, "order.created")).isEmpty();
				assertThat(endpoints.getDisabledEndpoints()).containsExactly("endpoint-0");
			});
	}

	@Test
	void endpointFromProperties() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "name=orders-sink", ENDPOINT + "url=https://example.com/webhooks",
					ENDPOINT + "events=order.*,before:order.refund", ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
					ENDPOINT + "headers.X-Tenant=acme", ENDPOINT + "timeout=3s", ENDPOINT + "compression=gzip",
					ENDPOINT + "ordered=true", ENDPOINT + "rate-limit=5", ENDPOINT + "proxy=http://proxy.local:3128",
					ENDPOINT + "backoff.intervals=1s,2s", ENDPOINT + "backoff.jitter=0")
			.run((context) -> {
				WebhookEndpoint endpoint = context.getBean(WebhookEndpoints.class).get("orders-sink");
				assertThat(endpoint.signatureScheme().name()).isEqualTo("standard");
				assertThat(endpoint.subscribes(EventPhase.AFTER, "order.created")).isTrue();
				assertThat(endpoint.subscribes(EventPhase.BEFORE, "order.refund")).isTrue();
				assertThat(endpoint.subscribes(EventPhase.BEFORE, "order.created")).isFalse();
				assertThat(endpoint.headers().getFirst("X-Tenant")).isEqualTo("acme");
				assertThat(endpoint.timeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(endpoint.compression()).isEqualTo(Compression.GZIP);
				assertThat(endpoint.ordered()).isTrue();
				assertThat(endpoint.rateLimit()).isEqualTo(5);
				assertThat(endpoint.proxy()).hasToString("http://proxy.local:3128");
				BackOffExecution backOff = endpoint.backOff().start();
				assertThat(backOff.nextBackOff()).isEqualTo(1000);
				assertThat(backOff.nextBackOff()).isEqualTo(2000);
				assertThat(backOff.nextBackOff()).isEqualTo(BackOffExecution.STOP);
			});
	}

	@Test
	void endpointDefaults() {
		this.contextRunner.withPropertyValues(ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=s3cret",
				ENDPOINT + "signature=github")
			.run((context) -> {
				WebhookEndpoint endpoint = context.getBean(WebhookEndpoints.class).get("endpoint-0");
				assertThat(endpoint.subscribes(EventPhase.AFTER, "anything.at.all")).isTrue();
				assertThat(endpoint.timeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(endpoint.compression()).isEqualTo(Compression.NONE);
				DefaultBackOffAssertions.assertIsTheDefaultSchedule(endpoint.backOff());
			});
	}

	@Test
	void backoffFalseMeansASingleAttempt() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=s", ENDPOINT + "signature=github",
					ENDPOINT + "backoff=false")
			.run((context) -> assertThat(context.getBean(WebhookEndpoints.class).get("endpoint-0").backOff()).isNull());
	}

	@Test
	void exponentialBackoff() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=s", ENDPOINT + "signature=github",
					ENDPOINT + "backoff.max-attempts=3", ENDPOINT + "backoff.initial-interval=1s",
					ENDPOINT + "backoff.multiplier=3", ENDPOINT + "backoff.jitter=0")
			.run((context) -> {
				ExponentialBackOff backOff = (ExponentialBackOff) context.getBean(WebhookEndpoints.class)
					.get("endpoint-0")
					.backOff();
				BackOffExecution execution = backOff.start();
				assertThat(execution.nextBackOff()).isEqualTo(1000);
				assertThat(execution.nextBackOff()).isEqualTo(3000);
				assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
			});
	}

	@Test
	void endpointWithoutUrlFailsWithAnalysis() {
		this.contextRunner.withPropertyValues(ENDPOINT + "secret=s")
			.run(failsWith("Webhook endpoint 'endpoint-0': it has no url", "webhook.outbound.endpoints[0].url"));
	}

	@Test
	void endpointWithoutSecretFailsWithAnalysis() {
		this.contextRunner.withPropertyValues(ENDPOINT + "url=https://example.com/hook")
			.run(failsWith("signature 'standard' is configured without a secret", "webhook.outbound.endpoints[0].secret"));
	}

	@Test
	void endpointWithUnknownSchemeFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=s",
					ENDPOINT + "signature=pgp")
			.run(failsWith("signature 'pgp' is not a known scheme", "webhook.outbound.endpoints[0].signature"));
	}

	@Test
	void endpointWithInvalidEventsFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook", ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
					ENDPOINT + "events=before:")
			.run(failsWith("has no event type after its phase", "webhook.outbound.endpoints[0].events"));
	}

	@Test
	void endpointsSharingANameFailWithAnalysis() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "name=a", ENDPOINT + "url=https://example.com/1",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "webhook.outbound.endpoints[1].name=a",
					"webhook.outbound.endpoints[1].url=https://example.com/2",
					"webhook.outbound.endpoints[1].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
			.run(failsWith("Two webhook endpoints are named 'a'", "distinct name"));
	}

	@Test
	void proxyWithoutPortFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ENDPOINT + "proxy=http://proxy.local")
			.run(failsWith("is not an http proxy", "http://host:port"));
	}

	@Test
	void unknownSslBundleFailsWithAnalysis() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ENDPOINT + "ssl-bundle=partner-tls")
			.run(failsWith("Webhook endpoint 'endpoint-0': ssl-bundle 'partner-tls' is not configured",
					"Set 'webhook.outbound.endpoints[0].ssl-bundle' to an SSL bundle under 'spring.ssl.bundle' "
							+ "(none is configured)"));
	}

	@Test
	void proxyWithAClientThatCannotUseOneFailsWithAnalysis() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class))
			.withPropertyValues("spring.http.clients.imperative.factory=simple", ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ENDPOINT + "proxy=http://proxy.local:3128")
			.run(failsWith("proxy 'http://proxy.local:3128' cannot be used with the HTTP client in use",
					"Remove 'webhook.outbound.endpoints[0].proxy'"));
	}

	@Test
	void headerValueWithALineBreakFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
					ENDPOINT + "headers.X-Tenant=acme\r\nX-Injected: yes")
			.run(failsWith("header 'X-Tenant' has a control character, such as CR or LF",
					"Set 'webhook.outbound.endpoints[0].headers'"));
	}

	@Test
	void headerNameThatIsNotATokenFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ENDPOINT + "headers[X Tenant]=acme")
			.run(failsWith("header name 'X Tenant' is not a token", "Set 'webhook.outbound.endpoints[0].headers'"));
	}

	@Test
	void headerTheSenderSetsFailsWithAnalysis() {
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ENDPOINT + "headers.Content-Type=text/plain")
			.run(failsWith("header 'Content-Type' is set by the sender itself",
					"Set 'webhook.outbound.endpoints[0].headers'"));
		this.contextRunner
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ENDPOINT + "headers.webhook-signature=v1,x")
			.run(failsWith("header 'webhook-signature' carries the signature",
					"Set 'webhook.outbound.endpoints[0].headers'"));
	}

	@Test
	void clientsOfConfiguredEndpointsAreBuiltAtStartup() {
		List<HttpClientSettings> built = new CopyOnWriteArrayList<>();
		ClientHttpRequestFactoryBuilder<JdkClientHttpRequestFactory> builder = (settings) -> {
			built.add(settings);
			return ClientHttpRequestFactoryBuilder.jdk().build(settings);
		};
		this.contextRunner.withBean(ClientHttpRequestFactoryBuilder.class, () -> builder)
			.withPropertyValues(ENDPOINT + "url=https://example.com/hook",
					ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ENDPOINT + "timeout=3s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(built).singleElement()
					.satisfies((settings) -> assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(3)));
			});
	}

	@Test
	void applicationSettingsOfHttpClientsReachTheEndpointsClient() throws Exception {
		HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		receiver.setExecutor(Executors.newCachedThreadPool());
		receiver.createContext("/", (exchange) -> {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				if (exchange.getRequestURI().getPath().equals("/moved")) {
					exchange.getResponseHeaders().set("Location", "/slow");
					exchange.sendResponseHeaders(307, -1);
				}
				else {
					Thread.sleep(3000);
					exchange.sendResponseHeaders(200, -1);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		receiver.start();
		String url = "http://127.0.0.1:" + receiver.getAddress().getPort();
		try {
			// the application's read timeout is shorter than the endpoint's, its redirects are not followed
			this.contextRunner.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class))
				.withPropertyValues("spring.http.clients.read-timeout=300ms", "spring.http.clients.redirects=follow",
						ENDPOINT + "name=slow", ENDPOINT + "url=" + url + "/slow",
						ENDPOINT + "secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ENDPOINT + "timeout=10s",
						"webhook.outbound.endpoints[1].name=moved", "webhook.outbound.endpoints[1].url=" + url + "/moved",
						"webhook.outbound.endpoints[1].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
				.run((context) -> {
					WebhookSender sender = context.getBean(WebhookSender.class);
					WebhookEndpoints endpoints = context.getBean(WebhookEndpoints.class);
					WebhookMessage message = new WebhookMessage("msg_1", "order.created", Instant.now(), new byte[0]);
					long start = System.nanoTime();
					SendResult slow = sender.send(endpoints.get("slow"), message);
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
					assertThat(slow.statusCode()).isNull();
					assertThat(slow.error()).isNotNull();
					assertThat(sender.send(endpoints.get("moved"), message).statusCode()).isEqualTo(307);
				});
		}
		finally {
			receiver.stop(0);
			((ExecutorService) receiver.getExecutor()).shutdownNow();
		}
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
			assertThat(analysis.getDescription()).contains(description);
			assertThat(analysis.getAction()).contains(action);
		};
	}

	@WebhookEvent("order.created")
	record OrderCreated(String orderId) {

	}

}
