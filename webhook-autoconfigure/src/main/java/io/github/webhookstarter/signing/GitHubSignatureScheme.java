package io.github.webhookstarter.signing;

import java.util.Set;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>},
 * keyed with the UTF-8 encoding of the secret. GitHub signs with a single secret, so signing uses
 * the first.
 *
 * @author Webhook Starter team
 */
public final class GitHubSignatureScheme extends VendorSignatureScheme {

	public GitHubSignatureScheme() {
		super("github",
				HmacSignatureScheme.builder()
					.header("X-Hub-Signature-256")
					.prefix("sha256=")
					.build(),
				"header:X-GitHub-Delivery", "header:X-GitHub-Event", Set.of("X-GitHub-Hook-ID",
						"X-GitHub-Hook-Installation-Target-Type", "X-GitHub-Hook-Installation-Target-ID"));
	}

}
