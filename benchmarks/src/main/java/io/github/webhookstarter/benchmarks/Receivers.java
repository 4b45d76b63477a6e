package io.github.webhookstarter.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * Local HTTP servers that count what they receive: the sink of the outbound harnesses. They
 * answer {@code 204} by default; {@link #rejecting()} makes them answer {@code 503} with a
 * {@code Retry-After} of a day, and {@link #hold()} makes them keep every request waiting until
 * {@link #release()}.
 */
final class Receivers implements AutoCloseable {

	private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private final List<HttpServer> servers = new ArrayList<>();

	private final List<URI> uris = new ArrayList<>();

	private final AtomicInteger received = new AtomicInteger();

	private volatile boolean rejecting;

	private volatile CountDownLatch gate;

	Receivers(int count) throws IOException {
		for (int i = 0; i < count; i++) {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
			server.setExecutor(Executors.newFixedThreadPool(16));
			server.createContext("/", (exchange) -> {
				exchange.getRequestBody().readAllBytes();
				CountDownLatch waiting = this.gate;
				if (waiting != null) {
					try {
						waiting.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				if (this.rejecting) {
					exchange.getResponseHeaders().set("Retry-After", "86400");
					exchange.sendResponseHeaders(503, -1);
				}
				else {
					exchange.sendResponseHeaders(204, -1);
				}
				exchange.close();
				this.received.incrementAndGet();
			});
			server.start();
			this.servers.add(server);
			this.uris.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"));
		}
	}

	/**
	 * Answer every request {@code 503} with {@code Retry-After: 86400}: what a sender attempts
	 * stays pending, due again in a day.
	 * @return these receivers
	 */
	Receivers rejecting() {
		this.rejecting = true;
		return this;
	}

	/**
	 * Keep every request waiting, unanswered and uncounted, until {@link #release()}.
	 */
	void hold() {
		this.gate = new CountDownLatch(1);
	}

	/**
	 * Answer the requests held since {@link #hold()}, and the next ones at once.
	 */
	void release() {
		CountDownLatch waiting = this.gate;
		this.gate = null;
		if (waiting != null) {
			waiting.countDown();
		}
	}

	int count() {
		return this.servers.size();
	}

	List<URI> uris() {
		return this.uris;
	}

	int received() {
		return this.received.get();
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
	 * {@link HttpClient}'s {@code sendAsync} and at most {@code concurrency} requests in flight,
	 * without signing, storing or recording: the floor of that client, the baseline of the
	 * harnesses.
	 * @param events the number of events
	 * @param body the body
	 * @param concurrency the maximum number of requests in flight
	 * @return the seconds from the first request until every one was received
	 * @throws InterruptedException if interrupted while waiting
	 */
	double postRaw(int events, byte[] body, int concurrency) throws InterruptedException {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		int total = events * count();
		int before = this.received.get();
		Semaphore inFlight = new Semaphore(concurrency);
		AtomicInteger failures = new AtomicInteger();
		long start = System.nanoTime();
		for (int i = 0; i < events; i++) {
			for (URI uri : this.uris) {
				inFlight.acquire();
				client
					.sendAsync(HttpRequest.newBuilder(uri)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofByteArray(body))
						.build(), HttpResponse.BodyHandlers.discarding())
					.whenComplete((response, failure) -> {
						inFlight.release();
						if (failure != null && failures.getAndIncrement() == 0) {
							failure.printStackTrace();
						}
					});
			}
		}
		// every request is received unless one failed, which the baseline does not retry
		while (this.received.get() < before + total) {
			if (failures.get() > 0) {
				throw new IllegalStateException(failures.get() + " requests of the baseline failed");
			}
			Thread.sleep(5);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * What the receivers can take: {@code wrk} posting the body to every receiver at once (one
	 * process, one thread and {@code connections} / receivers connections each) for
	 * {@code seconds}.
	 * @param body the body
	 * @param connections the connections in all
	 * @param seconds how long wrk runs
	 * @return the requests per second of all the receivers, or {@code -1} if wrk is not installed
	 * @throws Exception if wrk fails
	 */
	double wrk(byte[] body, int connections, int seconds) throws Exception {
		Path script = Files.createTempFile("wrk-post", ".lua");
		try {
			Files.writeString(script, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
					+ "wrk.body = [[" + new String(body, StandardCharsets.UTF_8) + "]]\n");
			int perReceiver = Math.max(1, connections / count());
			List<Process> processes = new ArrayList<>();
			for (URI uri : this.uris) {
				try {
					processes.add(new ProcessBuilder("wrk", "-t1", "-c" + perReceiver, "-d" + seconds + "s", "-s",
							script.toString(), uri.toString()).redirectErrorStream(true).start());
				}
				catch (IOException ex) {
					processes.forEach(Process::destroy);
					return -1;
				}
			}
			double rate = 0;
			for (Process process : processes) {
				String output;
				try (InputStream in = process.getInputStream()) {
					output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
				if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS) || process.exitValue() != 0) {
					throw new IllegalStateException("wrk failed: " + output);
				}
				Matcher matcher = WRK_RATE.matcher(output);
				if (!matcher.find()) {
					throw new IllegalStateException("No rate in wrk's output: " + output);
				}
				rate += Double.parseDouble(matcher.group(1));
			}
			return rate;
		}
		finally {
			Files.deleteIfExists(script);
		}
	}

	@Override
	public void close() {
		release();
		for (HttpServer server : this.servers) {
			server.stop(0);
			((ExecutorService) server.getExecutor()).shutdownNow();
		}
	}

}
