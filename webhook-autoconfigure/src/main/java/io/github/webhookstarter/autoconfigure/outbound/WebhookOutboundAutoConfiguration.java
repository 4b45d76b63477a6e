package io.github.webhookstarter.autoconfigure.outbound;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.transaction.TransactionExecutionListener;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.UnknownWebhookPropertiesCheck;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.codec.BrotliSupport;
import io.github.webhookstarter.core.internal.WorkerThreads;
import io.github.webhookstarter.observation.WebhookDeliveryObservationConvention;
import io.github.webhookstarter.outbound.DefaultWebhookPublisher;
import io.github.webhookstarter.outbound.DeliveryDispatcher.DeliveryDispatcherSettings;
import io.github.webhookstarter.outbound.DeliveryDispatcher;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.DynamicEndpoints;
import io.github.webhookstarter.outbound.EndpointClients;
import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.outbound.TransactionCompletionListener;
import io.github.webhookstarter.outbound.UrlPolicy;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.WebhookEventTypes;
import io.github.webhookstarter.outbound.internal.WebhookEventPublicationListener;
import io.github.webhookstarter.outbound.WebhookPublisher;
import io.github.webhookstarter.outbound.WebhookSender;
import io.github.webhookstarter.signing.SignatureSchemes;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the outbound side: the endpoints, the URL policy, the publisher that turns {@code @WebhookEvent}
 * application events into webhooks, the store of deliveries and the dispatcher that sends
 * them.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(after = WebhookSigningAutoConfiguration.class,
		afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
				"org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "webhook.outbound.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebhookOutboundProperties.class)
@Import(UnknownWebhookPropertiesCheck.class)
public final class WebhookOutboundAutoConfiguration {

	@Bean
	static BackoffConverter webhookBackoffConverter() {
		return new BackoffConverter();
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEndpoints webhookEndpoints(WebhookOutboundProperties properties, SignatureSchemes signatureSchemes,
			ObjectProvider<WebhookEndpoint> endpointBeans, EndpointStateStore stateStore,
			ObjectProvider<UrlPolicy> urlPolicy, ObjectProvider<DynamicEndpoints> dynamicEndpoints) {
		// configured endpoints are trusted unless the policy is to apply to them too
		UrlPolicy staticPolicy = properties.getUrlPolicy().isApplyToStatic() ? urlPolicy.getIfUnique() : null;
		return new WebhookEndpointsFactory(properties, signatureSchemes).create(
				endpointBeans.orderedStream().toList(), stateStore, staticPolicy, dynamicEndpoints.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	UrlPolicy webhookUrlPolicy(WebhookOutboundProperties properties) {
		WebhookOutboundProperties.UrlPolicy policy = properties.getUrlPolicy();
		UrlPolicy.Builder builder = UrlPolicy.builder()
			.httpsOnly(policy.isHttpsOnly())
			.allowPrivate(policy.isAllowPrivate());
		try {
			builder.allowedHosts(policy.getAllowedHosts());
		}
		catch (IllegalArgumentException ex) {
			throw invalidHosts(ex, "allowed-hosts");
		}
		try {
			builder.deniedHosts(policy.getDeniedHosts());
		}
		catch (IllegalArgumentException ex) {
			throw invalidHosts(ex, "denied-hosts");
		}
		return builder.build();
	}

	private static InvalidWebhookConfigurationException invalidHosts(IllegalArgumentException ex, String property) {
		return new InvalidWebhookConfigurationException("Webhook URL policy", ex.getMessage(),
				"Set 'webhook.outbound.url-policy." + property
						+ "' to host names, IP addresses or patterns such as *.example.com.");
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookSender webhookSender(WebhookOutboundProperties properties, WebhookEndpoints endpoints,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<SslBundles> sslBundles,
			ObjectProvider<BrotliSupport> brotliSupport, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<Clock> clock) {
		EndpointClients clients = new EndpointClientsFactory(properties).create(endpoints,
				requestFactoryBuilder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect),
				httpClientSettings.getIfAvailable(HttpClientSettings::defaults), sslBundles.getIfAvailable());
		BrotliSupport brotli = brotliSupport.getIfAvailable(BrotliSupport::new);
		return new WebhookSender(clients, brotli::isAvailable, jsonMapper(jsonMapper), clock(clock), userAgent());
	}

	@Bean
	@ConditionalOnMissingBean
	DeliveryDispatcher webhookDeliveryDispatcher(WebhookOutboundProperties outbound, DeliveryStore store,
			WebhookEndpoints endpoints, WebhookSender sender, ApplicationEventPublisher eventPublisher,
			ObjectProvider<Clock> clock, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<WebhookDeliveryObservationConvention> observationConvention,
			ObjectProvider<SimpleAsyncTaskExecutorBuilder> simpleExecutorBuilder,
			ObjectProvider<ThreadPoolTaskExecutorBuilder> poolExecutorBuilder, Environment environment) {
		boolean virtualThreads = Threading.VIRTUAL.isActive(environment);
		DeliveryDispatcherSettings settings = new DeliveryDispatcherSettings(outbound.getMaxConcurrency(),
				outbound.getMaxConcurrencyPerEndpoint(), outbound.getPollInterval(), outbound.getDisableAfter(),
				outbound.getShutdownTimeout());
		// the dispatcher itself waits for requests in flight, then hands them back as pending
		WorkerThreads senderThreads = new WorkerThreads("webhook-delivery-", outbound.getMaxConcurrency(),
				virtualThreads, Duration.ZERO, simpleExecutorBuilder.getIfAvailable(SimpleAsyncTaskExecutorBuilder::new),
				poolExecutorBuilder.getIfAvailable(ThreadPoolTaskExecutorBuilder::new));
		return new DeliveryDispatcher(store, endpoints, sender, eventPublisher, clock(clock),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfAvailable(),
				settings, senderThreads);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookPublisher webhookPublisher(WebhookOutboundProperties outbound, WebhookEndpoints endpoints,
			DeliveryStore store, WebhookSender sender, DeliveryDispatcher dispatcher,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Clock> clock, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<WebhookDeliveryObservationConvention> observationConvention,
			ObjectProvider<WebhookEventTypes> eventTypes) {
		return new DefaultWebhookPublisher(endpoints, store, sender, dispatcher, jsonMapper(jsonMapper), clock(clock),
				outbound.getEnvelope(), outbound.getBeforePhaseFailure(),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfAvailable(),
				eventTypes.getIfUnique(WebhookEventTypes::new));
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEventTypes webhookEventTypes() {
		return new WebhookEventTypes();
	}

	@Bean
	WebhookEventPublicationListener webhookEventPublicationListener(WebhookPublisher publisher) {
		return new WebhookEventPublicationListener(publisher);
	}

	// a bean, so that Spring Boot adds it to the transaction managers it configures
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TransactionExecutionListener.class)
	static class TransactionCompletionConfiguration {

		@Bean
		TransactionCompletionListener webhookTransactionCompletionListener() {
			return new TransactionCompletionListener();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class BacklogMetricsConfiguration {

		@Bean
		MeterBinder webhookDeliveryBacklogMetrics(DeliveryStore store) {
			return (registry) -> Gauge.builder("webhook.delivery.backlog", store, DeliveryStore::countUnfinished)
				.description("Webhook deliveries pending or in flight")
				.register(registry);
		}

	}

	private static String userAgent() {
		String version = WebhookSender.class.getPackage().getImplementationVersion();
		return "webhook-spring-boot/" + ((version != null) ? version : "dev");
	}

	private static JsonMapper jsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfUnique(() -> JsonMapper.builder().build());
	}

	private static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

}
