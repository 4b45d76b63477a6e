package io.github.webhookstarter.signing;

/**
 * Paddle Billing's webhook signature: {@code Paddle-Signature: ts=<unix timestamp>;h1=<hex
 * HMAC-SHA256 of "timestamp:body">}, keyed with the UTF-8 encoding of the whole secret key.
 * Signing adds an {@code h1} signature for every secret; verifying accepts any {@code h1}
 * signature.
 *
 * @author Webhook Starter team
 */
public final class PaddleSignatureScheme extends VendorSignatureScheme {

	public PaddleSignatureScheme() {
		super("paddle", new TimestampedSignatureHeader("Paddle-Signature", ';', "ts", "h1", ":"),
				"json:/event_id", "json:/event_type");
	}

}
