package io.github.webhookstarter.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonPointer;

import org.springframework.web.util.pattern.PathPatternParser;

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

	@Test
	void findsSourcesAtPathsAPatternMatches() {
		assertThat(matchedBy("/webhooks/github")).containsExactly("github");
		assertThat(matchedBy("/webhooks/{name}")).containsExactly("github");
		assertThat(matchedBy("/webhooks/**")).containsExactly("github");
		assertThat(matchedBy("/webhooks/gitlab")).isEmpty();
		assertThat(matchedBy("/webhooks/github/x")).isEmpty();
	}

	@Test
	void findsSourcesWithEventTypeInPathOneSegmentBelowThem() {
		assertThat(matchedBy("/hooks/events/push")).containsExactly("events");
		assertThat(matchedBy("/hooks/events/{type:[a-z]+}")).containsExactly("events");
		assertThat(matchedBy("/{area}/{type}")).containsExactly("github", "events");
		assertThat(matchedBy("/hooks/events/push/x")).isEmpty();
		assertThat(matchedBy("/hooks/other/{type}")).isEmpty();
	}

	@Test
	void findsRootSourceWithEventTypeInPathOneSegmentBelowIt() {
		WebhookSources root = new WebhookSources("/webhooks", List.of(source("root", "/", "path")));
		assertThat(matchedBy(root, "/")).containsExactly("root");
		assertThat(matchedBy(root, "/x")).containsExactly("root");
		assertThat(matchedBy(root, "/{id:\\d+}")).containsExactly("root");
		assertThat(matchedBy(root, "/admin/**")).containsExactly("root");
		assertThat(matchedBy(root, "/admin/users")).isEmpty();
	}

	@Test
	void findsNoRootSourceWithJsonEventTypeBelowIt() {
		WebhookSources root = new WebhookSources("/webhooks", List.of(source("root", "/", "json:/type")));
		assertThat(matchedBy(root, "/")).containsExactly("root");
		assertThat(matchedBy(root, "/x")).isEmpty();
	}

	private List<String> matchedBy(String pattern) {
		return matchedBy(this.sources, pattern);
	}

	private static List<String> matchedBy(WebhookSources sources, String pattern) {
		return sources.findSourcesMatchedBy(PathPatternParser.defaultInstance.parse(pattern))
			.stream()
			.map(WebhookSource::name)
			.toList();
	}

	private static WebhookSource source(String name, String path, String eventType) {
		return new WebhookSource(name, path, null, List.of(), Duration.ofMinutes(5), SignedBytes.DECODED, List.of(),
				ValueLocation.parse(eventType), null, JsonPointer.empty(), Set.of(), null, InboundMode.ASYNC);
	}

}
