package io.github.webhookstarter.autoconfigure.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import io.github.webhookstarter.autoconfigure.BackOffs;
import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.UnknownWebhookPropertiesCheck;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.codec.BrotliSupport;
import io.github.webhookstarter.core.internal.WorkerThreads;
import io.github.webhookstarter.inbound.BodyLimits;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundWorker.InboundWorkerSettings;
import io.github.webhookstarter.inbound.InboundWorker;
import io.github.webhookstarter.inbound.WebhookBodyReader;
import io.github.webhookstarter.inbound.WebhookListenerRegistry;
import io.github.webhookstarter.inbound.WebhookRequestHandler;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.observation.WebhookInboundObservationConvention;
import io.github.webhookstarter.signing.SignatureSchemes;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the inbound side: the webhook endpoint of a servlet web application, its sources, the
 * listener registry and the worker that dispatches stored calls.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(after = WebhookSigningAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBooleanProperty(name = "webhook.inbound.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebhookInboundProperties.class)
@Import(UnknownWebhookPropertiesCheck.class)
public final class WebhookInboundAutoConfiguration {

	/**
	 * Order of the handler mapping of the webhook paths: right after the mapping of
	 * {@code @RequestMapping} methods, so that an application's own controller for a path
	 * wins.
	 */
	public static final int HANDLER_MAPPING_ORDER = 1;

	/** How long stopping waits for listeners that run; calls left are claimed again later. */
	private static final Duration INBOUND_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	@Bean
	@ConditionalOnMissingBean
	WebhookSources webhookSources(WebhookInboundProperties properties, SignatureSchemes signatureSchemes,
			ConfigurableListableBeanFactory beanFactory) {
		return new WebhookSourcesFactory(properties, signatureSchemes, beanFactory).create();
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookListenerRegistry webhookListenerRegistry(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new WebhookListenerRegistry(beanFactory, jsonMapper(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	BrotliSupport webhookBrotliSupport() {
		BrotliSupport brotliSupport = new BrotliSupport();
		// loading the native library now makes the startup log say why br is unavailable, if it is
		brotliSupport.isAvailable();
		return brotliSupport;
	}

	@Bean
	@ConditionalOnMissingBean
	InboundWorker webhookInboundWorker(WebhookInboundProperties inbound, InboundStore store, WebhookSources sources,
			WebhookListenerRegistry listeners, ApplicationEventPublisher eventPublisher,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Clock> clock,
			ObjectProvider<SimpleAsyncTaskExecutorBuilder> simpleExecutorBuilder,
			ObjectProvider<ThreadPoolTaskExecutorBuilder> poolExecutorBuilder, Environment environment) {
		if (inbound.getLease().isNegative() || inbound.getLease().isZero()) {
			throw new InvalidWebhookConfigurationException("Webhook inbound lease",
					"'webhook.inbound.lease' is " + inbound.getLease()
							+ ", so every stored call would be claimed again at once",
					"Set 'webhook.inbound.lease' to a positive duration, longer than a listener usually runs, such as 5m.");
		}
		return new InboundWorker(store, sources, listeners, eventPublisher, jsonMapper(jsonMapper),
				BackOffs.of(inbound.getBackoff()), clock(clock),
				new InboundWorkerSettings(inbound.getConcurrency(), inbound.getPollInterval(), inbound.getLease()),
				new WorkerThreads("webhook-inbound-", inbound.getConcurrency(), Threading.VIRTUAL.isActive(environment),
						INBOUND_SHUTDOWN_TIMEOUT, simpleExecutorBuilder.getIfAvailable(SimpleAsyncTaskExecutorBuilder::new),
						poolExecutorBuilder.getIfAvailable(ThreadPoolTaskExecutorBuilder::new)));
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookRequestHandler webhookRequestHandler(WebhookInboundProperties inbound, WebhookSources sources,
			BrotliSupport brotliSupport, InboundStore store, WebhookListenerRegistry listeners, InboundWorker worker,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Clock> clock,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<WebhookInboundObservationConvention> observationConvention,
			ApplicationEventPublisher eventPublisher) {
		return new WebhookRequestHandler(sources, new WebhookBodyReader(bodyLimits(inbound), brotliSupport, inbound.getBodyTimeout()), store,
				listeners, worker, jsonMapper(jsonMapper), clock(clock),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfAvailable(),
				eventPublisher);
	}

	@Bean
	SimpleUrlHandlerMapping webhookHandlerMapping(WebhookSources sources, WebhookRequestHandler handler) {
		Map<String, Object> handlers = new LinkedHashMap<>();
		sources.getPathPatterns().forEach((pattern) -> handlers.put(pattern, handler));
		return new SimpleUrlHandlerMapping(handlers, HANDLER_MAPPING_ORDER);
	}

	@Bean
	WebhookPathCollisionCheck webhookPathCollisionCheck(WebhookSources sources,
			ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings,
			ConfigurableListableBeanFactory beanFactory) {
		return new WebhookPathCollisionCheck(sources, handlerMappings, beanFactory.getBeanClassLoader());
	}

	private static BodyLimits bodyLimits(WebhookInboundProperties inbound) {
		try {
			return new BodyLimits(inbound.getMaxBodySize().toBytes(), inbound.getMaxDecodedSize().toBytes(),
					inbound.getMaxInflateRatio());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookConfigurationException("Webhook inbound limits", ex.getMessage(),
					"Set 'webhook.inbound.max-body-size' and 'webhook.inbound.max-decoded-size' to sizes between "
							+ "1B and 2GB, and 'webhook.inbound.max-inflate-ratio' to a number of at least 1.");
		}
	}

	private static JsonMapper jsonMapper(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfUnique(() -> JsonMapper.builder().build());
	}

	private static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

}
