package io.github.webhookstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.webhookstarter.test.AutoConfigureWebhookRequests;
import io.github.webhookstarter.test.SignedWebhookRequest;
import io.github.webhookstarter.test.WebhookRequests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application receives a GitHub push and a Standard Webhooks event, signed as their
 * senders sign them, on its default configuration.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:sample-application-tests")
@AutoConfigureWebhookRequests
class SampleApplicationTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	WebhookRequests webhooks;

	@Autowired
	ReceivedWebhooks received;

	@Test
	void receivesSignedGitHubPush() throws Exception {
		String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"octo/hello\"}}";
		HttpResponse<String> response = send(
				this.webhooks.source("github").event("push").id("sample-delivery-1").json(body));
		assertThat(response.statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.received.received()).contains(
				"github push to refs/heads/main of octo/hello", "github push (delivery sample-delivery-1)"));
	}

	@Test
	void receivesStandardWebhook() throws Exception {
		String body = "{\"type\":\"order.created\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":{\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":2}}";
		HttpResponse<String> response = send(this.webhooks.source("orders").id("msg_sample_1").json(body));
		assertThat(response.statusCode()).isEqualTo(202);
		await().untilAsserted(
				() -> assertThat(this.received.received()).contains("order.created: 2 x book (order o-1)"));
	}

	private HttpResponse<String> send(SignedWebhookRequest request) throws Exception {
		return this.client.send(request.toHttpRequest(URI.create("http://localhost:" + this.port)),
				HttpResponse.BodyHandlers.ofString());
	}

}
