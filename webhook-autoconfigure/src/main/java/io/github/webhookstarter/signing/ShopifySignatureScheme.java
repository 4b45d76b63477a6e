package io.github.webhookstarter.signing;

import java.util.Set;

/**
 * Shopify's webhook signature: {@code X-Shopify-Hmac-SHA256: <base64 HMAC-SHA256 of the body>},
 * keyed with the UTF-8 encoding of the secret. The header carries a single signature, so signing
 * uses the first secret.
 *
 * @author Webhook Starter team
 */
public final class ShopifySignatureScheme extends VendorSignatureScheme {

	public ShopifySignatureScheme() {
		super("shopify",
				HmacSignatureScheme.builder()
					.header("X-Shopify-Hmac-SHA256")
					.encoding(SignatureEncoding.BASE64)
					.build(),
				"header:X-Shopify-Webhook-Id", "header:X-Shopify-Topic", Set.of("X-Shopify-Shop-Domain",
						"X-Shopify-API-Version", "X-Shopify-Triggered-At", "X-Shopify-Event-Id"));
	}

}
