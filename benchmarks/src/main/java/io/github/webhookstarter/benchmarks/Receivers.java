package io.github.webhookstarter.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * Local HTTP servers that count what they receive.
 */
final class Receivers implements AutoCloseable {

	private final List<HttpServer> servers = new ArrayList<>();

	private final List<URI> uris = new ArrayList<>();

	private final AtomicInteger received = new AtomicInteger();

	Receivers(int count) throws IOException {
		for (int i = 0; i < count; i++) {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
			server.setExecutor(Executors.newFixedThreadPool(16));
			server.createContext("/", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
				this.received.incrementAndGet();
			});
			server.start();
			this.servers.add(server);
			this.uris.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
		}
	}

	int count() {
		return this.servers.size();
	}

	List<URI> uris() {
		return this.uris;
	}

	void reset() {
		this.received.set(0);
	}

	void await(int total) throws InterruptedException {
		while (this.received.get() < total) {
			Thread.sleep(5);
		}
	}

	/**
	 * Post a body to every receiver, as many times as there are events, with the JDK
	 * {@link HttpClient} and at most {@code concurrency} requests in flight, without signing,
	 * storing or recording: the baseline of the harnesses.
	 * @param events the number of events
	 * @param body the body
	 * @param concurrency the maximum number of requests in flight
	 * @return the requests received per second
	 * @throws InterruptedException if interrupted while waiting
	 */
	double postRaw(int events, byte[] body, int concurrency) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		int total = events * count();
		Semaphore inFlight = new Semaphore(concurrency);
		ExecutorService executor = Executors.newFixedThreadPool(concurrency);
		long start = System.nanoTime();
		for (int i = 0; i < events; i++) {
			for (URI uri : this.uris) {
				inFlight.acquire();
				executor.execute(() -> {
					try {
						client.send(HttpRequest.newBuilder(uri)
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofByteArray(body))
							.build(), HttpResponse.BodyHandlers.discarding());
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
					finally {
						inFlight.release();
					}
				});
			}
		}
		await(total);
		double seconds = (System.nanoTime() - start) / 1e9;
		executor.shutdown();
		return total / seconds;
	}

	@Override
	public void close() {
		for (HttpServer server : this.servers) {
			server.stop(0);
			((ExecutorService) server.getExecutor()).shutdownNow();
		}
	}

}
