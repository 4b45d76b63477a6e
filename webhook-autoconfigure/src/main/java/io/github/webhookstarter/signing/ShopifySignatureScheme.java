package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Shopify's webhook signature: {@code X-Shopify-Hmac-SHA256: <base64 HMAC-SHA256 of the body>},
 * keyed with the UTF-8 encoding of the secret. The header carries a single signature, so signing
 * uses the first secret.
 *
 * @author Webhook Starter team
 */
public final class ShopifySignatureScheme implements SignatureScheme {

	private final HmacSignatureScheme hmac = HmacSignatureScheme.builder()
		.header("X-Shopify-Hmac-SHA256")
		.encoding(SignatureEncoding.BASE64)
		.build();

	@Override
	public String name() {
		return "shopify";
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

	@Override
	public String defaultIdLocation() {
		return "header:X-Shopify-Webhook-Id";
	}

	@Override
	public String defaultEventTypeLocation() {
		return "header:X-Shopify-Topic";
	}

}
