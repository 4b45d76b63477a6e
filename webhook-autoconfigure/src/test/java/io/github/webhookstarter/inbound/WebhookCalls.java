package io.github.webhookstarter.inbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.StringUtils;

/**
 * Sends webhook calls over real HTTP to an application on a local port.
 */
final class WebhookCalls {

	private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	WebhookCalls(int port) {
		this.port = port;
	}

	Call post(String path) {
		return new Call("POST", path);
	}

	Call request(String method, String path) {
		return new Call(method, path);
	}

	static String hmacSha256Hex(String secret, String content) {
		return hmacSha256Hex(secret, content.getBytes(StandardCharsets.UTF_8));
	}

	static String hmacSha256Hex(String secret, byte[] content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			StringBuilder hex = new StringBuilder();
			for (byte b : mac.doFinal(content)) {
				hex.append(String.format("%02x", b));
			}
			return hex.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	final class Call {

		private final String method;

		private final String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private byte[] body = new byte[0];

		private boolean chunked;

		private Call(String method, String path) {
			this.method = method;
			this.path = path;
			this.headers.put("Content-Type", "application/json");
		}

		Call header(String name, String value) {
			if (value == null) {
				this.headers.remove(name);
			}
			else {
				this.headers.put(name, value);
			}
			return this;
		}

		Call json(String body) {
			return body(body.getBytes(StandardCharsets.UTF_8));
		}

		Call body(byte[] body) {
			this.body = body;
			return this;
		}

		Call chunked() {
			this.chunked = true;
			return this;
		}

		Call githubSignature(String secret) {
			return header("X-Hub-Signature-256",
					"sha256=" + hmacSha256Hex(secret, this.body));
		}

		HttpResponse<String> send() throws IOException, InterruptedException {
			HttpRequest.BodyPublisher publisher = this.chunked
					? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(this.body))
					: HttpRequest.BodyPublishers.ofByteArray(this.body);
			HttpRequest.Builder builder = HttpRequest
				.newBuilder(URI.create("http://localhost:" + WebhookCalls.this.port + this.path))
				.method(this.method, publisher);
			this.headers.forEach((name, value) -> {
				if (StringUtils.hasLength(value)) {
					builder.header(name, value);
				}
			});
			return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		}

	}

}
