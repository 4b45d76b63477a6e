package io.github.webhookstarter.signing;

import java.util.Set;

/**
 * Slack's request signature: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:timestamp:body">}
 * with the timestamp in {@code X-Slack-Request-Timestamp} as unix seconds, keyed with the UTF-8
 * encoding of the signing secret. The header carries a single signature, so signing uses the
 * first secret.
 *
 * @author Webhook Starter team
 */
public final class SlackSignatureScheme extends VendorSignatureScheme {

	public SlackSignatureScheme() {
		super("slack",
				HmacSignatureScheme.builder()
					.header("X-Slack-Signature")
					.prefix("v0=")
					.signedContent("v0:{timestamp}:{body}")
					.timestampHeader("X-Slack-Request-Timestamp")
					.build(),
				"json:/event_id", "json:/event/type",
				Set.of("X-Slack-Request-Timestamp", "X-Slack-Retry-Num", "X-Slack-Retry-Reason"));
	}

}
