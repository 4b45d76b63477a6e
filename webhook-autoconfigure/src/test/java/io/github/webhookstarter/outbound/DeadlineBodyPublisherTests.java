package io.github.webhookstarter.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DeadlineBodyPublisher}, with the JDK client over real HTTP.
 */
class DeadlineBodyPublisherTests {

	private static final byte[] BODY = "{\"type\":\"order.created\"}".getBytes(StandardCharsets.UTF_8);

	private final List<String> bodiesReceived = new CopyOnWriteArrayList<>();

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private HttpServer receiver;

	private URI uri;

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		this.receiver.createContext("/", (exchange) -> {
			try {
				this.bodiesReceived.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				exchange.sendResponseHeaders(204, -1);
			}
			finally {
				exchange.close();
			}
		});
		this.receiver.start();
		this.uri = URI.create("http://127.0.0.1:" + this.receiver.getAddress().getPort() + "/");
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	@Test
	void bodyIsSentBeforeTheDeadline() throws Exception {
		HttpResponse<Void> response = send(System.nanoTime() + Duration.ofSeconds(10).toNanos()).get(10,
				TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(this.bodiesReceived).containsExactly(new String(BODY, StandardCharsets.UTF_8));
	}

	@Test
	void requestWhoseDeadlinePassedBeforeItWasWrittenIsNotReceived() throws Exception {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> send(System.nanoTime() - 1).get(10, TimeUnit.SECONDS))
			.withRootCauseInstanceOf(HttpTimeoutException.class);
		// a receiver that has the request does not have its body: nothing it can take as a webhook
		Thread.sleep(200);
		assertThat(this.bodiesReceived).isEmpty();
	}

	private CompletableFuture<HttpResponse<Void>> send(long deadlineNanos) {
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.POST(new DeadlineBodyPublisher(HttpRequest.BodyPublishers.ofByteArray(BODY), deadlineNanos))
			.header("Content-Type", "application/json")
			.build();
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
	}

}
