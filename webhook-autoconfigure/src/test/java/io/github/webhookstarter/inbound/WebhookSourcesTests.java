package io.github.webhookstarter.inbound;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhookSources}.
 */
class WebhookSourcesTests {

	private final WebhookSources sources = new WebhookSources("/webhooks",
			List.of(source("github", "/webhooks/github", "header:X-GitHub-Event"),
					source("events", "/hooks/events/", "path")));

	@Test
	void sourcePathPatternsLeaveOutTheRestOfTheBasePath() {
		assertThat(this.sources.getSourcePathPatterns()).containsExactly("/webhooks/github", "/hooks/events",
				"/hooks/events/*");
		assertThat(this.sources.getPathPatterns()).containsExactly("/webhooks/*", "/webhooks/github", "/hooks/events",
				"/hooks/events/*");
	}

	private static WebhookSource source(String name, String path, String eventType) {
		return new WebhookSource(name, path, null, List.of(), Duration.ofMinutes(5), SignedBytes.DECODED, List.of(),
				ValueLocation.parse(eventType), null, null, InboundMode.ASYNC);
	}

}
