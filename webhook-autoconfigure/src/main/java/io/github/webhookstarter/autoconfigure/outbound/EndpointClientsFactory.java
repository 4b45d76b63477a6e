package io.github.webhookstarter.autoconfigure.outbound;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.util.StringUtils;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.core.internal.MaskedUrls;
import io.github.webhookstarter.outbound.EndpointClients;
import io.github.webhookstarter.outbound.UrlPolicy;
import io.github.webhookstarter.outbound.UrlPolicyViolationException;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookEndpoints;

/**
 * Builds the HTTP client of every endpoint at startup, failing with an
 * {@link InvalidWebhookConfigurationException} that names the property to fix when an
 * endpoint's client cannot be built, rather than failing each of its deliveries, or when the
 * URL policy, if it applies to these endpoints, refuses an endpoint's URL.
 *
 * @author Webhook Starter team
 */
final class EndpointClientsFactory {

	private final WebhookOutboundProperties properties;

	EndpointClientsFactory(WebhookOutboundProperties properties) {
		this.properties = properties;
	}

	EndpointClients create(WebhookEndpoints endpoints, ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder,
			HttpClientSettings settings, @Nullable SslBundles sslBundles) {
		EndpointClients clients = new EndpointClients(requestFactoryBuilder, settings, sslBundles);
		try {
			for (WebhookEndpoint endpoint : endpoints.getEndpoints()) {
				UrlPolicy urlPolicy = endpoint.urlPolicy();
				if (urlPolicy != null) {
					checkUrl(endpoint, urlPolicy);
				}
				check(endpoint, clients, requestFactoryBuilder, sslBundles);
				clients.prepare(endpoint);
			}
			return clients;
		}
		catch (RuntimeException ex) {
			destroy(clients, ex);
			throw ex;
		}
	}

	private void check(WebhookEndpoint endpoint, EndpointClients clients,
			ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder, @Nullable SslBundles sslBundles) {
		String subject = "Webhook endpoint '" + endpoint.name() + "'";
		String property = propertyPrefix(endpoint);
		String bundle = endpoint.sslBundle();
		if (bundle != null) {
			List<String> bundles = (sslBundles != null) ? sslBundles.getBundleNames() : List.of();
			if (!bundles.contains(bundle)) {
				String configured = bundles.isEmpty() ? "none is configured"
						: "configured: " + StringUtils.collectionToDelimitedString(bundles, ", ");
				throw new InvalidWebhookConfigurationException(subject, "ssl-bundle '" + bundle + "' is not configured",
						fix(endpoint, property, "ssl-bundle") + " to an SSL bundle under 'spring.ssl.bundle' ("
								+ configured + "), or configure '" + bundle + "' there.");
			}
		}
		if (endpoint.proxy() != null && !clients.supportsProxy()) {
			throw new InvalidWebhookConfigurationException(subject,
					"proxy '" + MaskedUrls.mask(endpoint.proxy()) + "' cannot be used with the HTTP client in use ("
							+ requestFactoryBuilder.getClass().getName() + ")",
					"Remove " + ((property != null) ? "'" + property + "proxy'" : "the proxy of the WebhookEndpoint bean")
							+ ", or use the JDK or the Apache HttpClient 5 client, for example with "
							+ "'spring.http.clients.imperative.factory=jdk'.");
		}
	}

	/**
	 * Check the URL of an endpoint without resolving its host, which is resolved and checked
	 * again before each attempt: a name that does not resolve now may resolve later.
	 */
	private void checkUrl(WebhookEndpoint endpoint, UrlPolicy urlPolicy) {
		try {
			urlPolicy.check(endpoint.url());
		}
		catch (UrlPolicyViolationException ex) {
			String property = propertyPrefix(endpoint);
			String url = fix(endpoint, property, "url");
			String policy = "webhook.outbound.url-policy.";
			String relax = switch (ex.getRule()) {
				case SCHEME -> url + " to an https URL, or set '" + policy + "https-only' to false";
				case INVALID_HOST -> url + " to a URL whose host is a name or a dotted-quad IPv4 address";
				case DENIED_HOST -> url + " to a URL whose host is not denied, or remove the host from '" + policy
						+ "denied-hosts'";
				case NOT_ALLOWED_HOST -> url + " to a URL of an allowed host, or add the host to '" + policy
						+ "allowed-hosts'";
				case PRIVATE_ADDRESS -> url + " to a URL of a public host, or set '" + policy
						+ "allow-private' to true";
			};
			throw new InvalidWebhookConfigurationException("Webhook endpoint '" + endpoint.name() + "'",
					"url " + ex.getMessage(), relax + ". Configured endpoints are trusted unless '" + policy
							+ "apply-to-static' is true.");
		}
	}

	private static String fix(WebhookEndpoint endpoint, @Nullable String property, String setting) {
		return (property != null) ? "Set '" + property + setting + "'"
				: "Set the " + setting + " of the WebhookEndpoint bean '" + endpoint.name() + "'";
	}

	/**
	 * Return the prefix of the properties an endpoint comes from, as
	 * {@link WebhookEndpointsFactory} names endpoints.
	 */
	private @Nullable String propertyPrefix(WebhookEndpoint endpoint) {
		List<WebhookEndpointProperties> configured = this.properties.getEndpoints();
		for (int i = 0; i < configured.size(); i++) {
			if (endpoint.name().equals(WebhookEndpointsFactory.name(i, configured.get(i)))) {
				return "webhook.outbound.endpoints[" + i + "].";
			}
		}
		return null;
	}

	private static void destroy(EndpointClients clients, RuntimeException failure) {
		try {
			clients.destroy();
		}
		catch (Exception ex) {
			failure.addSuppressed(ex);
		}
	}

}
