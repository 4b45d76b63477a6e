package io.github.webhookstarter.signing;

/**
 * Paddle Billing's webhook signature: {@code Paddle-Signature: ts=<unix timestamp>;h1=<hex
 * HMAC-SHA256 of "timestamp:body">}, keyed with the UTF-8 encoding of the whole secret key.
 * Signing adds an {@code h1} signature for every secret, that of the newest secret last;
 * verifying accepts any {@code h1} signature.
 *
 * @author Webhook Starter team
 */
public final class PaddleSignatureScheme extends VendorSignatureScheme {

	public PaddleSignatureScheme() {
		// Paddle's Node.js SDK compares one h1 only, the last: WebhooksValidator.extractHeader
		// (PaddleHQ/paddle-node-sdk, src/notifications/helpers/webhooks-validator.ts) assigns
		// every h1 entry in turn to the same variable. With the newest secret's signature last, a
		// receiver that has moved to the newest secret accepts during a rotation.
		super("paddle", new TimestampedSignatureHeader("Paddle-Signature", ';', "ts", "h1", ":", true),
				"json:/event_id", "json:/event_type");
	}

}
