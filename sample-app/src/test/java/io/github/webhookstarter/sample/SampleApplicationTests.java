package io.github.webhookstarter.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample application receives a GitHub push and a Standard Webhooks event, signed as their
 * senders sign them, on its default configuration.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:sample-application-tests")
class SampleApplicationTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ReceivedWebhooks received;

	@Test
	void receivesSignedGitHubPush() throws Exception {
		String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"octo/hello\"}}";
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("sample-github-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/webhooks/github"))
			.header("Content-Type", "application/json")
			.header("X-GitHub-Event", "push")
			.header("X-GitHub-Delivery", "sample-delivery-1")
			.header("X-Hub-Signature-256", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.received.received()).contains(
				"github push to refs/heads/main of octo/hello", "github push (delivery sample-delivery-1)"));
	}

	@Test
	void receivesStandardWebhook() throws Exception {
		String body = "{\"type\":\"order.created\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":{\"orderId\":\"o-1\",\"item\":\"book\",\"quantity\":2}}";
		long timestamp = Instant.now().getEpochSecond();
		String signature = new Webhook("whsec_c2FtcGxlLXN0YW5kYXJkLXdlYmhvb2tzLXNlY3JldA==").sign("msg_sample_1",
				timestamp, body);
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/webhooks/orders"))
			.header("Content-Type", "application/json")
			.header("webhook-id", "msg_sample_1")
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).isEqualTo(202);
		await().untilAsserted(
				() -> assertThat(this.received.received()).contains("order.created: 2 x book (order o-1)"));
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
