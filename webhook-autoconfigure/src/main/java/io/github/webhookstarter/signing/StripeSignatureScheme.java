package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix timestamp>,v1=<hex HMAC-SHA256 of
 * "timestamp.body">}, keyed with the UTF-8 encoding of the whole signing secret, {@code whsec_}
 * prefix included. Signing adds a {@code v1} signature for every secret, as Stripe does while
 * an endpoint secret is rolled; verifying accepts any {@code v1} signature and ignores the
 * others, such as {@code v0}.
 *
 * @author Webhook Starter team
 */
public final class StripeSignatureScheme implements SignatureScheme {

	private final TimestampedSignatureHeader header = new TimestampedSignatureHeader("Stripe-Signature",
			',', "t", "v1", ".");

	@Override
	public String name() {
		return "stripe";
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
		return "json:/id";
	}

	@Override
	public String defaultEventTypeLocation() {
		return "json:/type";
	}

}
