package io.github.webhookstarter.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;

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
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureSchemes;
import io.github.webhookstarter.signing.SignatureVerification;
import io.github.webhookstarter.signing.SignedContent;

/**
 * Verifying the signature of a 1 KB body with each built-in vendor scheme, against the floor of
 * that scheme: one {@link Mac} of its algorithm, initialized once and reused, over the bytes it
 * signs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SchemeVerifyBenchmark {

	private static final String SECRET = "whsec_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH";

	@Param({ "github", "stripe", "shopify", "slack", "paddle", "servo" })
	public String scheme;

	private SignatureScheme signatureScheme;

	private final List<Secret> secrets = List.of(Secret.of(SECRET));

	private byte[] body;

	private HttpHeaders headers;

	private Instant now;

	private Mac floorMac;

	private byte[] signedPrefix;

	@Setup
	public void setUp() {
		this.body = Payloads.json(1024);
		this.now = Instant.now();
		this.signatureScheme = new SignatureSchemes(List.of()).get(this.scheme);
		this.headers = this.signatureScheme.sign(new SignedContent("evt_1", this.now, this.body), this.secrets);
		String timestamp = Long.toString(this.now.getEpochSecond());
		String prefix = switch (this.scheme) {
			case "stripe" -> timestamp + ".";
			case "slack" -> "v0:" + timestamp + ":";
			case "paddle" -> timestamp + ":";
			default -> "";
		};
		this.signedPrefix = prefix.getBytes(StandardCharsets.UTF_8);
		this.floorMac = StandardSignatureBenchmark.mac(this.scheme.equals("servo") ? "HmacSHA1" : "HmacSHA256",
				SECRET.getBytes(StandardCharsets.UTF_8));
		if (ours() != SignatureVerification.VALID) {
			throw new IllegalStateException("our verification fails");
		}
	}

	@Benchmark
	public byte[] floor() {
		this.floorMac.update(this.signedPrefix);
		return this.floorMac.doFinal(this.body);
	}

	@Benchmark
	public SignatureVerification ours() {
		return this.signatureScheme.verify(this.headers, this.body, this.secrets, this.now, Duration.ofMinutes(5));
	}

}
