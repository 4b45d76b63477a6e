package io.github.webhookstarter.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.http.HttpHeaders;

import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureVerification;
import io.github.webhookstarter.signing.SignedContent;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;

/**
 * Signing and verifying a Standard Webhooks signature: ours
 * ({@link StandardWebhooksSignatureScheme}) against the {@code com.svix:svix} and
 * {@code com.standardwebhooks:standardwebhooks} libraries, each called as its documentation
 * shows, and against the floor: one {@link Mac}, initialized once and reused, over the same
 * signed bytes ({@code id.timestamp.body}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StandardSignatureBenchmark {

	static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";

	@Param({ "1024", "65536" })
	public int size;

	private byte[] body;

	private String bodyText;

	private long timestamp;

	private Instant now;

	private final StandardWebhooksSignatureScheme ours = new StandardWebhooksSignatureScheme();

	private final List<Secret> secrets = List.of(Secret.of(SECRET));

	private HttpHeaders headers;

	private SignedContent content;

	private com.svix.Webhook svix;

	private Map<String, List<String>> svixHeaders;

	private com.standardwebhooks.Webhook standardWebhooks;

	private Map<String, List<String>> standardWebhooksHeaders;

	private Mac floorMac;

	private byte[] signedPrefix;

	@Setup
	public void setUp() throws Exception {
		this.body = Payloads.json(this.size);
		this.bodyText = new String(this.body, StandardCharsets.UTF_8);
		// the libraries check the timestamp against their own clock: a run lasts far less than
		// their five minutes of tolerance
		this.now = Instant.now();
		this.timestamp = this.now.getEpochSecond();
		this.content = new SignedContent(ID, this.now, this.body);
		this.headers = this.ours.sign(this.content, this.secrets);
		String signature = this.headers.getFirst("webhook-signature");
		this.svix = new com.svix.Webhook(SECRET);
		this.svixHeaders = Map.of("svix-id", List.of(ID), "svix-timestamp", List.of(Long.toString(this.timestamp)),
				"svix-signature", List.of(signature));
		this.standardWebhooks = new com.standardwebhooks.Webhook(SECRET);
		this.standardWebhooksHeaders = Map.of("webhook-id", List.of(ID), "webhook-timestamp",
				List.of(Long.toString(this.timestamp)), "webhook-signature", List.of(signature));
		this.floorMac = mac("HmacSHA256", Base64.getDecoder().decode(SECRET.substring("whsec_".length())));
		this.signedPrefix = (ID + "." + this.timestamp + ".").getBytes(StandardCharsets.UTF_8);
		check();
	}

	private void check() throws Exception {
		if (oursVerify() != SignatureVerification.VALID) {
			throw new IllegalStateException("our verification fails");
		}
		svixVerify();
		standardWebhooksVerify();
		String expected = "v1," + Base64.getEncoder().encodeToString(floor());
		if (!expected.equals(this.headers.getFirst("webhook-signature"))
				|| !expected.equals(svixSign()) || !expected.equals(standardWebhooksSign())) {
			throw new IllegalStateException("the signatures differ");
		}
	}

	@Benchmark
	public byte[] floor() {
		this.floorMac.update(this.signedPrefix);
		return this.floorMac.doFinal(this.body);
	}

	@Benchmark
	public HttpHeaders oursSign() {
		return this.ours.sign(this.content, this.secrets);
	}

	@Benchmark
	public SignatureVerification oursVerify() {
		return this.ours.verify(this.headers, this.body, this.secrets, this.now, Duration.ofMinutes(5));
	}

	@Benchmark
	public String svixSign() throws Exception {
		return this.svix.sign(ID, this.timestamp, this.bodyText);
	}

	@Benchmark
	public boolean svixVerify() throws Exception {
		// throws when the signature does not match
		this.svix.verify(this.bodyText, this.svixHeaders);
		return true;
	}

	@Benchmark
	public String standardWebhooksSign() throws Exception {
		return this.standardWebhooks.sign(ID, this.timestamp, this.bodyText);
	}

	@Benchmark
	public boolean standardWebhooksVerify() throws Exception {
		this.standardWebhooks.verify(this.bodyText, this.standardWebhooksHeaders);
		return true;
	}

	static Mac mac(String algorithm, byte[] key) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key, algorithm));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
