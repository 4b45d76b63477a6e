package io.github.webhookstarter.autoconfigure.actuate;

import java.time.Clock;

import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import io.github.webhookstarter.actuate.PayloadSchemaGenerator;
import io.github.webhookstarter.actuate.VictoolsPayloadSchemaGenerator;
import io.github.webhookstarter.actuate.WebhookEventOperations;
import io.github.webhookstarter.actuate.WebhooksEndpoint;
import io.github.webhookstarter.actuate.WebhooksEndpointWebExtension;
import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundProperties;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundWorker;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.outbound.DeliveryDispatcher;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.outbound.WebhookEventTypes;
import io.github.webhookstarter.outbound.WebhookPublisher;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the {@code webhooks} actuator endpoint, when the application has the actuator and the
 * endpoint is available (exposed and not disabled).
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(after = { WebhookStoreAutoConfiguration.class, WebhookOutboundAutoConfiguration.class,
		WebhookInboundAutoConfiguration.class })
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
public final class WebhooksEndpointAutoConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnBean(DeliveryStore.class)
	@ConditionalOnMissingBean
	WebhooksEndpoint webhooksEndpoint(DeliveryStore deliveryStore, ObjectProvider<WebhookEndpoints> endpoints,
			ObjectProvider<EndpointStateStore> stateStore, ObjectProvider<DeliveryDispatcher> dispatcher,
			ObjectProvider<WebhookSources> sources, ObjectProvider<InboundStore> inboundStore,
			ObjectProvider<InboundWorker> inboundWorker, ObjectProvider<Clock> clock,
			ObjectProvider<WebhookEventTypes> eventTypes, ObjectProvider<WebhookPublisher> publisher,
			ObjectProvider<PayloadSchemaGenerator> schemaGenerator, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<WebhookOutboundProperties> outboundProperties, ApplicationContext context) {
		Clock endpointClock = clock.getIfUnique(Clock::systemUTC);
		WebhookEndpoints webhookEndpoints = endpoints.getIfUnique();
		WebhookEventTypes types = eventTypes.getIfUnique();
		WebhookPublisher webhookPublisher = publisher.getIfUnique();
		WebhookEventOperations eventOperations = null;
		if (webhookEndpoints != null && types != null && webhookPublisher != null) {
			WebhookEventTypeScanner.scan(context).forEach(types::record);
			WebhookOutboundProperties outbound = outboundProperties.getIfUnique(WebhookOutboundProperties::new);
			eventOperations = new WebhookEventOperations(types, webhookEndpoints, webhookPublisher,
					schemaGenerator.getIfUnique(), jsonMapper.getIfUnique(() -> JsonMapper.builder().build()),
					outbound.getEnvelope(), endpointClock, openApiTitle(context.getEnvironment()));
		}
		return new WebhooksEndpoint(deliveryStore, webhookEndpoints, stateStore.getIfUnique(),
				dispatcher.getIfUnique(), sources.getIfUnique(), inboundStore.getIfUnique(),
				inboundWorker.getIfUnique(), endpointClock, eventOperations);
	}

	private static String openApiTitle(Environment environment) {
		String name = environment.getProperty("spring.application.name");
		return (name != null && !name.isBlank()) ? "Webhooks of " + name : "Webhooks";
	}

	@Bean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	@ConditionalOnBean(WebhooksEndpoint.class)
	@ConditionalOnMissingBean
	WebhooksEndpointWebExtension webhooksEndpointWebExtension(WebhooksEndpoint webhooksEndpoint) {
		return new WebhooksEndpointWebExtension(webhooksEndpoint);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ SchemaGenerator.class, JacksonSchemaModule.class })
	static class PayloadSchemaConfiguration {

		@Bean
		@ConditionalOnAvailableEndpoint(WebhooksEndpoint.class)
		@ConditionalOnMissingBean
		PayloadSchemaGenerator webhookPayloadSchemaGenerator(ObjectProvider<JsonMapper> jsonMapper) {
			return new VictoolsPayloadSchemaGenerator(jsonMapper.getIfUnique(() -> JsonMapper.builder().build()));
		}

	}

}
