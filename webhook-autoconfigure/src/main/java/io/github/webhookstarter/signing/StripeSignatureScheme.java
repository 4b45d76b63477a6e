package io.github.webhookstarter.signing;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix timestamp>,v1=<hex HMAC-SHA256 of
 * "timestamp.body">}, keyed with the UTF-8 encoding of the whole signing secret, {@code whsec_}
 * prefix included. Signing adds a {@code v1} signature for every secret, as Stripe does while
 * an endpoint secret is rolled; verifying accepts any {@code v1} signature and ignores the
 * others, such as {@code v0}.
 *
 * @author Webhook Starter team
 */
public final class StripeSignatureScheme extends VendorSignatureScheme {

	public StripeSignatureScheme() {
		super("stripe", new TimestampedSignatureHeader("Stripe-Signature", ',', "t", "v1", ".", false),
				"json:/id", "json:/type");
	}

}
