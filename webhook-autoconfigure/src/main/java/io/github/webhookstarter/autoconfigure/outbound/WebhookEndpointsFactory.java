package io.github.webhookstarter.autoconfigure.outbound;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;

import io.github.webhookstarter.autoconfigure.BackOffs;
import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.signing.SignatureSchemeResolver;
import io.github.webhookstarter.core.internal.MaskedUrls;
import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.outbound.DynamicEndpoints;
import io.github.webhookstarter.outbound.EventSelector;
import io.github.webhookstarter.outbound.UrlPolicy;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureSchemes;

/**
 * Resolves the configured endpoints into {@link WebhookEndpoints}, failing with an
 * {@link InvalidWebhookConfigurationException} that says what to set when an endpoint cannot
 * work.
 *
 * @author Webhook Starter team
 */
final class WebhookEndpointsFactory {

	private final WebhookOutboundProperties properties;

	private final SignatureSchemeResolver schemeResolver;

	WebhookEndpointsFactory(WebhookOutboundProperties properties, SignatureSchemes signatureSchemes) {
		this.properties = properties;
		this.schemeResolver = new SignatureSchemeResolver(signatureSchemes);
	}

	WebhookEndpoints create(List<WebhookEndpoint> endpointBeans, EndpointStateStore stateStore,
			@Nullable UrlPolicy staticPolicy, @Nullable DynamicEndpoints dynamicEndpoints) {
		List<WebhookEndpoint> endpoints = new ArrayList<>(endpointBeans);
		List<WebhookEndpointProperties> configured = this.properties.getEndpoints();
		for (int i = 0; i < configured.size(); i++) {
			endpoints.add(create(i, configured.get(i)));
		}
		if (staticPolicy != null) {
			endpoints.replaceAll((endpoint) -> (endpoint.urlPolicy() != null) ? endpoint
					: endpoint.withUrlPolicy(staticPolicy));
		}
		try {
			return new WebhookEndpoints(endpoints, stateStore, dynamicEndpoints);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookConfigurationException("Webhook endpoints", ex.getMessage(),
					"Give each entry of 'webhook.outbound.endpoints' and each WebhookEndpoint bean a distinct name.");
		}
	}

	private WebhookEndpoint create(int index, WebhookEndpointProperties endpoint) {
		String prefix = "webhook.outbound.endpoints[" + index + "].";
		String name = name(index, endpoint);
		String subject = "Webhook endpoint '" + name + "'";
		URI url = url(subject, prefix, endpoint.getUrl());
		String signature = StringUtils.hasText(endpoint.getSignature()) ? endpoint.getSignature()
				: this.properties.getSignature();
		SignatureScheme scheme = this.schemeResolver.resolve(subject, prefix, signature, endpoint.getHmac(), null);
		List<Secret> secrets = this.schemeResolver.secrets(subject, prefix, scheme, endpoint.getSecret(),
				endpoint.getSecrets());
		HttpHeaders headers = new HttpHeaders();
		endpoint.getHeaders().forEach(headers::add);
		List<EventSelector> events = events(subject, prefix, endpoint);
		URI proxy = proxy(subject, prefix, endpoint.getProxy());
		try {
			return new WebhookEndpoint(name, endpoint.getDescription(), url, events, scheme, secrets, headers,
					endpoint.getTimeout(), BackOffs.of(endpoint.getBackoff()), endpoint.getCompression(),
					endpoint.isOrdered(), endpoint.getRateLimit(),
					StringUtils.hasText(endpoint.getSslBundle()) ? endpoint.getSslBundle() : null, proxy,
					endpoint.isEnabled(), endpoint.isDisableOnGone(), null);
		}
		catch (IllegalArgumentException ex) {
			// the only arguments an endpoint refuses are its headers
			throw new InvalidWebhookConfigurationException(subject, ex.getMessage(), "Set '" + prefix
					+ "headers' to single-line values under token names, leaving out the headers of the body, "
					+ "of the connection and of the signature, which the sender sets itself.");
		}
	}

	static String name(int index, WebhookEndpointProperties endpoint) {
		return StringUtils.hasText(endpoint.getName()) ? endpoint.getName() : "endpoint-" + index;
	}

	private static URI url(String subject, String prefix, @Nullable URI url) {
		if (url == null || url.getHost() == null
				|| !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
			throw new InvalidWebhookConfigurationException(subject,
					(url != null) ? "url '" + MaskedUrls.mask(url) + "' is not an http or https URL" : "it has no url",
					"Set '" + prefix + "url' to the http or https URL webhooks are posted to.");
		}
		return url;
	}

	private static List<EventSelector> events(String subject, String prefix, WebhookEndpointProperties endpoint) {
		try {
			return endpoint.getEvents().stream().map(EventSelector::parse).toList();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookConfigurationException(subject, ex.getMessage(), "Set '" + prefix
					+ "events' to event types or patterns, each optionally prefixed with 'before:' or 'after:'.");
		}
	}

	private static @Nullable URI proxy(String subject, String prefix, @Nullable URI proxy) {
		if (proxy != null
				&& (!"http".equalsIgnoreCase(proxy.getScheme()) || proxy.getHost() == null || proxy.getPort() == -1)) {
			throw new InvalidWebhookConfigurationException(subject, "proxy '" + MaskedUrls.mask(proxy) + "' is not an http proxy",
					"Set '" + prefix + "proxy' to http://host:port.");
		}
		return proxy;
	}

}
