package io.github.webhookstarter.inbound;

import java.net.http.HttpResponse;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The row a received call is stored in keeps the headers its listeners need, and never a
 * credential: not {@code Authorization}, {@code Cookie} or {@code Proxy-Authorization}, not
 * the authenticator's credential headers, even when a source lists them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = InboundStoredHeadersIntegrationTests.TestApplication.class,
		properties = { "spring.datasource.url=jdbc:h2:mem:stored-headers;DB_CLOSE_DELAY=-1",
				"webhook.inbound.sources.github.signature=github", "webhook.inbound.sources.github.secret=gh",
				"webhook.inbound.sources.github.authenticator=apiKeyAuthenticator",
				"webhook.inbound.sources.github.stored-headers=X-Request-Source,X-Api-Key,Authorization" })
class InboundStoredHeadersIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void storedRowKeepsOnlyTheHeadersListenersNeed() throws Exception {
		String body = "{\"zen\":\"Design for failure.\"}";
		HttpResponse<String> response = new WebhookCalls(this.port).post("/webhooks/github")
			.json(body)
			.header("X-GitHub-Event", "ping")
			.header("X-GitHub-Delivery", "d-stored-1")
			.header("X-GitHub-Hook-ID", "42")
			.header("X-Hub-Signature-256", "sha256=" + WebhookCalls.hmacSha256Hex("gh", body))
			.header("X-Request-Source", "ci")
			.header("X-Api-Key", "key-that-must-not-be-stored")
			.header("Authorization", "Bearer token-that-must-not-be-stored")
			.header("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0")
			.header("Cookie", "session=cookie-that-must-not-be-stored")
			.header("X-Unlisted", "not needed")
			.send();
		assertThat(response.statusCode()).isEqualTo(202);
		String headers = this.jdbc.queryForObject(
				"SELECT headers FROM webhook_inbound_call WHERE source = 'github' AND webhook_id = 'd-stored-1'",
				String.class);
		assertThat(headers).containsIgnoringCase("\"X-GitHub-Event\":[\"ping\"]")
			.containsIgnoringCase("\"X-GitHub-Delivery\":[\"d-stored-1\"]")
			.containsIgnoringCase("\"X-GitHub-Hook-ID\":[\"42\"]")
			.containsIgnoringCase("\"X-Request-Source\":[\"ci\"]")
			.containsIgnoringCase("\"Content-Type\"")
			.doesNotContainIgnoringCase("Authorization")
			.doesNotContainIgnoringCase("Cookie")
			.doesNotContainIgnoringCase("X-Api-Key")
			.doesNotContain("must-not-be-stored")
			.doesNotContainIgnoringCase("X-Hub-Signature-256")
			.doesNotContainIgnoringCase("X-Unlisted");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		WebhookAuthenticator apiKeyAuthenticator() {
			return new WebhookAuthenticator() {

				@Override
				public Authentication authenticate(WebhookRequest request) {
					assertThat(request.getHeaders().getFirst("X-Api-Key")).isEqualTo("key-that-must-not-be-stored");
					return null;
				}

				@Override
				public Set<String> credentialHeaders() {
					return Set.of("X-Api-Key");
				}

			};
		}

	}

}
