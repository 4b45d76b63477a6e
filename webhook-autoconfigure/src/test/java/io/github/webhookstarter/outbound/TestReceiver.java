package io.github.webhookstarter.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.springframework.http.HttpHeaders;

/**
 * A real HTTP server on a random local port that records the webhooks it receives and answers
 * as each path is told to.
 */
public final class TestReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Function<Received, Answer>> answers = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	/**
	 * Start a receiver, for a static field.
	 */
	public static TestReceiver start() {
		try {
			return new TestReceiver();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	TestReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public void answer(String path, Function<Received, Answer> answer) {
		this.answers.put(path, answer);
	}

	/**
	 * Return the number of requests to a path so far, the current one included.
	 */
	public int hits(String path) {
		AtomicInteger count = this.hits.get(path);
		return (count != null) ? count.get() : 0;
	}

	public List<Received> received(String path) {
		return this.received.stream().filter((request) -> request.path().equals(path)).toList();
	}

	public void reset() {
		this.received.clear();
		this.answers.clear();
		this.hits.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		int hit = this.hits.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
		HttpHeaders headers = new HttpHeaders();
		exchange.getRequestHeaders().forEach(headers::addAll);
		byte[] raw = exchange.getRequestBody().readAllBytes();
		Received request = new Received(path, hit, headers, raw, decode(headers.getFirst("Content-Encoding"), raw));
		this.received.add(request);
		Answer answer = this.answers.getOrDefault(path, (any) -> Answer.status(200)).apply(request);
		try {
			if (answer.delayMillis() > 0) {
				Thread.sleep(answer.delayMillis());
			}
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] body = answer.body().getBytes();
			exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			exchange.close();
		}
	}

	private static byte[] decode(String encoding, byte[] raw) throws IOException {
		if (encoding == null) {
			return raw;
		}
		try (InputStream in = switch (encoding) {
			case "gzip" -> new GZIPInputStream(new java.io.ByteArrayInputStream(raw));
			case "br" -> new BrotliInputStream(new java.io.ByteArrayInputStream(raw));
			default -> throw new IOException("unexpected Content-Encoding " + encoding);
		}) {
			return in.readAllBytes();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	public record Received(String path, int hit, HttpHeaders headers, byte[] raw, byte[] body) {

		public String bodyAsString() {
			return new String(this.body, java.nio.charset.StandardCharsets.UTF_8);
		}

		/**
		 * Return the headers with lower-case names, as the Standard Webhooks library looks
		 * them up.
		 */
		public Map<String, List<String>> headerMap() {
			Map<String, List<String>> map = new java.util.HashMap<>();
			this.headers.forEach((name, values) -> map.put(name.toLowerCase(java.util.Locale.ROOT), values));
			return map;
		}

	}

	public record Answer(int status, Map<String, String> headers, String body, long delayMillis) {

		public static Answer status(int status) {
			return new Answer(status, Map.of(), "", 0);
		}

		public Answer header(String name, String value) {
			Map<String, String> headers = new java.util.LinkedHashMap<>(this.headers);
			headers.put(name, value);
			return new Answer(this.status, headers, this.body, this.delayMillis);
		}

		public Answer body(String body) {
			return new Answer(this.status, this.headers, body, this.delayMillis);
		}

		public Answer delay(long millis) {
			return new Answer(this.status, this.headers, this.body, millis);
		}

	}

}
