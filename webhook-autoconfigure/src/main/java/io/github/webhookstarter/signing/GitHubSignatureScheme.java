package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>},
 * keyed with the UTF-8 encoding of the secret. GitHub signs with a single secret, so signing uses
 * the first.
 *
 * @author Webhook Starter team
 */
public final class GitHubSignatureScheme implements SignatureScheme {

	private final HmacSignatureScheme hmac = HmacSignatureScheme.builder()
		.header("X-Hub-Signature-256")
		.prefix("sha256=")
		.build();

	@Override
	public String name() {
		return "github";
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
		return "header:X-GitHub-Delivery";
	}

	@Override
	public String defaultEventTypeLocation() {
		return "header:X-GitHub-Event";
	}

}
