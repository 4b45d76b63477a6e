package io.github.webhookstarter.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An endpoint given on the command line receives the sample's order events alongside the
 * sample's own endpoint.
 */
class SampleCommandLineEndpointTests {

	@Test
	void commandLineEndpointWorksAlongsideTheSamplesOwn() throws Exception {
		List<String> received = new CopyOnWriteArrayList<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hooks", (exchange) -> {
			received.add(new String(exchange.getRequestBody().readAllBytes()));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		receiver.start();
		int port = freePort();
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class,
				"--server.port=" + port, "--spring.datasource.url=jdbc:h2:mem:sample-command-line-tests",
				"--webhook.outbound.endpoints[0].url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
				"--webhook.outbound.endpoints[0].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/orders"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"item\": \"pen\", \"quantity\": 3}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(201);
			ReceivedWebhooks sample = context.getBean(ReceivedWebhooks.class);
			await().untilAsserted(() -> {
				assertThat(received).singleElement().satisfies((body) -> assertThat(body).contains("\"item\":\"pen\""));
				assertThat(sample.received()).anySatisfy((line) -> assertThat(line).contains("order.created: 3 x pen"));
			});
		}
		finally {
			receiver.stop(0);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
