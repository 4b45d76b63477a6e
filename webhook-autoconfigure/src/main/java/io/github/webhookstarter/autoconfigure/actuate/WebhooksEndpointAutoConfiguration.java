package io.github.webhookstarter.autoconfigure.actuate;

import java.time.Clock;

import io.github.webhookstarter.actuate.WebhooksEndpoint;
import io.github.webhookstarter.actuate.WebhooksEndpointWebExtension;
import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundWorker;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.outbound.DeliveryDispatcher;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.outbound.WebhookEndpoints;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

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
			ObjectProvider<InboundWorker> inboundWorker, ObjectProvider<Clock> clock) {
		return new WebhooksEndpoint(deliveryStore, endpoints.getIfUnique(), stateStore.getIfUnique(),
				dispatcher.getIfUnique(), sources.getIfUnique(), inboundStore.getIfUnique(),
				inboundWorker.getIfUnique(), clock.getIfUnique(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	@ConditionalOnBean(WebhooksEndpoint.class)
	@ConditionalOnMissingBean
	WebhooksEndpointWebExtension webhooksEndpointWebExtension(WebhooksEndpoint webhooksEndpoint) {
		return new WebhooksEndpointWebExtension(webhooksEndpoint);
	}

}
