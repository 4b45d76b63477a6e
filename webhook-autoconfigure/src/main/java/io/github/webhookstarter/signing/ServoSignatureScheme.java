package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * The signature of Opsani's servo-webhooks: {@code X-Servo-Signature: <hex HMAC-SHA1 of the body>},
 * keyed with the UTF-8 encoding of the secret. The header carries a single signature, so signing
 * uses the first secret. The body carries neither an id nor an event type that this scheme
 * could point to.
 *
 * @author Webhook Starter team
 */
public final class ServoSignatureScheme implements SignatureScheme {

	private final HmacSignatureScheme hmac = HmacSignatureScheme.builder()
		.header("X-Servo-Signature")
		.algorithm("HmacSHA1")
		.build();

	@Override
	public String name() {
		return "servo";
	}

	@Override
	public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
		return this.hmac.sign(content, secrets);
	}

	@Override
	public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
			Duration tolerance) {
		return this.hmac.verify(headers, body, secrets, now, tolerance);
	}

}
