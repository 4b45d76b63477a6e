package io.github.webhookstarter.outbound;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;

import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which endpoints of {@link EndpointClients} share a JDK client, and so its connection pool.
 */
class EndpointClientsTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	@Test
	void configuredEndpointsEachHaveAJdkClientOfTheirOwn() throws Exception {
		EndpointClients clients = new EndpointClients(ClientHttpRequestFactoryBuilder.jdk(),
				HttpClientSettings.defaults(), null);
		try {
			WebhookEndpoint first = endpoint("first", "http://127.0.0.1:8081/hook");
			WebhookEndpoint second = endpoint("second", "http://127.0.0.1:8082/hook");
			clients.prepare(first);
			clients.prepare(second);
			assertThat(clients.getJdkClient(first).httpClient())
				.isNotSameAs(clients.getJdkClient(second).httpClient())
				.isSameAs(clients.getJdkClient(first).httpClient());
		}
		finally {
			clients.destroy();
		}
	}

	@Test
	void endpointsKnownLaterShareAJdkClientWhenTheirSettingsAreAlike() throws Exception {
		EndpointClients clients = new EndpointClients(ClientHttpRequestFactoryBuilder.jdk(),
				HttpClientSettings.defaults(), null);
		try {
			WebhookEndpoint configured = endpoint("configured", "http://127.0.0.1:8080/hook");
			clients.prepare(configured);
			WebhookEndpoint first = endpoint("subscription-1", "http://127.0.0.1:8081/hook");
			WebhookEndpoint second = endpoint("subscription-2", "http://127.0.0.1:8082/hook");
			assertThat(clients.getJdkClient(first).httpClient()).isSameAs(clients.getJdkClient(second).httpClient())
				.isNotSameAs(clients.getJdkClient(configured).httpClient());
		}
		finally {
			clients.destroy();
		}
	}

	private static WebhookEndpoint endpoint(String name, String url) {
		return WebhookEndpoint.builder(name, URI.create(url))
			.signature(new StandardWebhooksSignatureScheme(), SECRET)
			.build();
	}

}
