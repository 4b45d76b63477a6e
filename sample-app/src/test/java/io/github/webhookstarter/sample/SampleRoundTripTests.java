package io.github.webhookstarter.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Creating an order sends a signed {@code order.created} webhook that the sample receives
 * back on its own {@code orders} source, on its default configuration.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:sample-round-trip-tests")
class SampleRoundTripTests {

	static final int port = freePort();

	@Autowired
	ReceivedWebhooks received;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> port);
	}

	@Test
	void createdOrderComesBackAsAVerifiedWebhook() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"item\": \"book\", \"quantity\": 2}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).contains("\"item\":\"book\"").contains("\"quantity\":2");
		await().untilAsserted(() -> assertThat(this.received.received())
			.anySatisfy((line) -> assertThat(line).startsWith("order.created: 2 x book (order ")));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
