package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Paddle Billing's webhook signature: {@code Paddle-Signature: ts=<unix timestamp>;h1=<hex
 * HMAC-SHA256 of "timestamp:body">}, keyed with the UTF-8 encoding of the whole secret key.
 * Signing adds an {@code h1} signature for every secret; verifying accepts any {@code h1}
 * signature.
 *
 * @author Webhook Starter team
 */
public final class PaddleSignatureScheme implements SignatureScheme {

	private final TimestampedSignatureHeader header = new TimestampedSignatureHeader("Paddle-Signature",
			';', "ts", "h1", ":");

	@Override
	public String name() {
		return "paddle";
	}

	@Override
	public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
		return this.header.sign(content, secrets);
	}

	@Override
	public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
			Duration tolerance) {
		return this.header.verify(headers, body, secrets, now, tolerance);
	}

	@Override
	public String defaultIdLocation() {
		return "json:/event_id";
	}

	@Override
	public String defaultEventTypeLocation() {
		return "json:/event_type";
	}

}
