package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Slack's request signature: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:timestamp:body">}
 * with the timestamp in {@code X-Slack-Request-Timestamp} as unix seconds, keyed with the UTF-8
 * encoding of the signing secret. The header carries a single signature, so signing uses the
 * first secret.
 *
 * @author Webhook Starter team
 */
public final class SlackSignatureScheme implements SignatureScheme {

	private final HmacSignatureScheme hmac = HmacSignatureScheme.builder()
		.header("X-Slack-Signature")
		.prefix("v0=")
		.signedContent("v0:{timestamp}:{body}")
		.timestampHeader("X-Slack-Request-Timestamp")
		.build();

	@Override
	public String name() {
		return "slack";
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
		return "json:/event_id";
	}

	@Override
	public String defaultEventTypeLocation() {
		return "json:/event/type";
	}

}
