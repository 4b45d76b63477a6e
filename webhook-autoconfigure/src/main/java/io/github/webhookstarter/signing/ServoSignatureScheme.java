package io.github.webhookstarter.signing;

/**
 * The signature of Opsani's servo-webhooks: {@code X-Servo-Signature: <hex HMAC-SHA1 of the body>},
 * keyed with the UTF-8 encoding of the secret. The header carries a single signature, so signing
 * uses the first secret. The body carries neither an id nor an event type that this scheme
 * could point to.
 *
 * @author Webhook Starter team
 */
public final class ServoSignatureScheme extends VendorSignatureScheme {

	public ServoSignatureScheme() {
		super("servo",
				HmacSignatureScheme.builder()
					.header("X-Servo-Signature")
					.algorithm("HmacSHA1")
					.build(),
				null, null);
	}

}
