package io.github.webhookstarter.autoconfigure.subscription;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.UnknownWebhookPropertiesCheck;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundAutoConfiguration;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundProperties;
import io.github.webhookstarter.autoconfigure.signing.WebhookSigningAutoConfiguration;
import io.github.webhookstarter.autoconfigure.store.WebhookStoreAutoConfiguration;
import io.github.webhookstarter.core.IntervalBackOff;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.UrlPolicy;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.signing.SignatureSchemes;
import io.github.webhookstarter.subscription.SubscriptionController;
import io.github.webhookstarter.subscription.SubscriptionEndpointFactory;
import io.github.webhookstarter.subscription.SubscriptionEndpoints;
import io.github.webhookstarter.subscription.SubscriptionStore;
import io.github.webhookstarter.subscription.WebhookSubscriptions;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of dynamic subscriptions, with {@code webhook.subscriptions.enabled=true}: their endpoints,
 * read from the {@link SubscriptionStore} and delivered to besides the configured ones, always
 * under the URL policy, {@link WebhookSubscriptions} to manage them, and in a servlet web
 * application the subscriptions API.
 * <p>
 * The API tells its callers apart by their principal: without Spring Security, startup fails
 * unless {@code webhook.subscriptions.allow-anonymous=true}.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(
		after = { WebhookSigningAutoConfiguration.class, WebhookStoreAutoConfiguration.class,
				WebhookOutboundAutoConfiguration.class },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBooleanProperty("webhook.subscriptions.enabled")
@EnableConfigurationProperties(WebhookSubscriptionsProperties.class)
@Import(UnknownWebhookPropertiesCheck.class)
public final class WebhookSubscriptionsAutoConfiguration {

	private static final String SPRING_SECURITY_CLASS_NAME = "org.springframework.security.core.Authentication";

	@Bean
	@ConditionalOnMissingBean
	SubscriptionEndpointFactory webhookSubscriptionEndpointFactory(WebhookSubscriptionsProperties properties,
			SignatureSchemes signatureSchemes, ObjectProvider<UrlPolicy> urlPolicy, ObjectProvider<Clock> clock) {
		UrlPolicy policy = urlPolicy.getIfUnique();
		if (policy == null) {
			throw new InvalidWebhookConfigurationException("Webhook subscriptions",
					"subscriptions are delivered by the outbound side, which is disabled",
					"Remove 'webhook.outbound.enabled=false', or set 'webhook.subscriptions.enabled' to false.");
		}
		return new SubscriptionEndpointFactory(signatureSchemes, policy, properties.getTimeout(),
				IntervalBackOff.standardWebhooks(), clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	SubscriptionEndpoints webhookSubscriptionEndpoints(WebhookSubscriptionsProperties properties,
			WebhookOutboundProperties outbound, SubscriptionStore store, SubscriptionEndpointFactory endpointFactory,
			ObjectProvider<Clock> clock) {
		// every instance sees another's change within the poll interval, as it sees its deliveries
		return new SubscriptionEndpoints(store, endpointFactory::create, properties.getTimeout(),
				outbound.getPollInterval(), clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookSubscriptions webhookSubscriptions(WebhookSubscriptionsProperties properties, SubscriptionStore store,
			SubscriptionEndpoints subscriptionEndpoints, SubscriptionEndpointFactory endpointFactory,
			WebhookEndpoints endpoints, DeliveryStore deliveryStore, ObjectProvider<Clock> clock) {
		String signature = properties.getSignature();
		if (!endpointFactory.getSignatureNames().contains(signature)) {
			throw new InvalidWebhookConfigurationException("Webhook subscriptions",
					"signature '" + signature + "' is not a signature scheme",
					"Set 'webhook.subscriptions.signature' to one of " + endpointFactory.getSignatureNames() + ".");
		}
		if (properties.getMaxPerOwner() < 1) {
			throw new InvalidWebhookConfigurationException("Webhook subscriptions",
					"max-per-owner is " + properties.getMaxPerOwner(),
					"Set 'webhook.subscriptions.max-per-owner' to 1 or more.");
		}
		return new WebhookSubscriptions(store, subscriptionEndpoints, endpointFactory, endpoints, deliveryStore,
				new WebhookSubscriptions.Settings(signature, properties.getRotationOverlap(),
						properties.getMaxPerOwner()),
				clock(clock));
	}

	private static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(DispatcherServlet.class)
	static class SubscriptionsApiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SubscriptionController webhookSubscriptionController(WebhookSubscriptionsProperties properties,
				WebhookSubscriptions subscriptions, ConfigurableListableBeanFactory beanFactory) {
			boolean allowAnonymous = properties.isAllowAnonymous();
			if (!allowAnonymous && !ClassUtils.isPresent(SPRING_SECURITY_CLASS_NAME, beanFactory.getBeanClassLoader())) {
				throw new InvalidWebhookConfigurationException("Webhook subscriptions API",
						"subscriptions belong to the principal that creates them, and without Spring Security no "
								+ "caller of '" + properties.getPath() + "' has one",
						"Add spring-boot-starter-security and require authentication for '" + properties.getPath()
								+ "/**', or set 'webhook.subscriptions.allow-anonymous' to true to let every "
								+ "caller share one owner (only behind a gateway that authenticates them).");
			}
			return new SubscriptionController(subscriptions, allowAnonymous);
		}

	}

}
