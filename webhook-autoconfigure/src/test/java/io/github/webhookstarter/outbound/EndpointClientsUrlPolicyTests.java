package io.github.webhookstarter.outbound;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The clients of {@link EndpointClients} given a {@link UrlPolicy} that refuses private
 * addresses filter the addresses they connect to, so that Apache HttpClient 5 connects only to
 * an address that passed the filter, whatever the host resolves to after the sender checked it.
 */
class EndpointClientsUrlPolicyTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private final TestReceiver receiver = TestReceiver.start();

	private final UrlPolicy refusingPrivate = UrlPolicy.builder().httpsOnly(false).build();

	@AfterEach
	void stopReceiver() {
		this.receiver.close();
	}

	@Test
	void httpComponentsClientDoesNotConnectToAPrivateAddress() throws Exception {
		EndpointClients clients = new EndpointClients(ClientHttpRequestFactoryBuilder.httpComponents(),
				HttpClientSettings.defaults(), null);
		try {
			ClientHttpRequest request = clients.get(endpoint(this.refusingPrivate))
				.createRequest(endpoint(this.refusingPrivate).url(), HttpMethod.POST);
			assertThatException().isThrownBy(request::execute)
				.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("FilteredHostException"));
			assertThat(this.receiver.hits("/hook")).isZero();
		}
		finally {
			clients.destroy();
		}
	}

	@Test
	void jdkClientDoesNotConnectToAPrivateAddress() throws Exception {
		EndpointClients clients = new EndpointClients(ClientHttpRequestFactoryBuilder.jdk(),
				HttpClientSettings.defaults(), null);
		try {
			HttpRequest request = HttpRequest.newBuilder(endpoint(this.refusingPrivate).url())
				.POST(HttpRequest.BodyPublishers.noBody())
				.build();
			assertThatException().isThrownBy(() -> clients.getJdkClient(endpoint(this.refusingPrivate))
				.httpClient()
				.send(request, HttpResponse.BodyHandlers.discarding()))
				.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("FilteredHostException"));
			assertThat(this.receiver.hits("/hook")).isZero();
		}
		finally {
			clients.destroy();
		}
	}

	@Test
	void clientsConnectToAPrivateAddressWhenThePolicyAllowsIt() throws Exception {
		EndpointClients clients = new EndpointClients(ClientHttpRequestFactoryBuilder.httpComponents(),
				HttpClientSettings.defaults(), null);
		UrlPolicy allowingPrivate = UrlPolicy.builder().httpsOnly(false).allowPrivate(true).build();
		try {
			ClientHttpRequest request = clients.get(endpoint(allowingPrivate))
				.createRequest(endpoint(allowingPrivate).url(), HttpMethod.POST);
			try (ClientHttpResponse response = request.execute()) {
				assertThat(response.getStatusCode().value()).isEqualTo(200);
			}
			assertThat(this.receiver.hits("/hook")).isOne();
		}
		finally {
			clients.destroy();
		}
	}

	private WebhookEndpoint endpoint(UrlPolicy urlPolicy) {
		return WebhookEndpoint
			.builder("local", URI.create(this.receiver.url("/hook").replace("127.0.0.1", "localhost")))
			.signature(new StandardWebhooksSignatureScheme(), SECRET)
			.urlPolicy(urlPolicy)
			.build();
	}

}
