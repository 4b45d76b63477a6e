package io.github.webhookstarter.inbound;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with Spring Security's defaults that receives webhooks at the root path, with
 * {@code /} as the base path of its sources, keeps its own handlers beside them protected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = WebhookSecurityRootPathIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.path=/", "webhook.inbound.sources.root.path=/",
				"webhook.inbound.sources.root.allow-unauthenticated=true",
				"webhook.inbound.sources.github.signature=github", "webhook.inbound.sources.github.secret=gh-secret",
				"webhook.inbound.sources.events.event-type=path",
				"webhook.inbound.sources.events.allow-unauthenticated=true" })
class WebhookSecurityRootPathIntegrationTests {

	@LocalServerPort
	int port;

	WebhookCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new WebhookCalls(this.port);
	}

	@Test
	void webhookPathsReceiveWithoutCsrfTokenOrLogin() throws Exception {
		assertThat(this.calls.post("/").json("{\"type\":\"a\"}").send().statusCode()).isEqualTo(202);
		assertThat(this.calls.post("/github")
			.json("{}")
			.header("X-GitHub-Event", "ping")
			.githubSignature("gh-secret")
			.send()
			.statusCode()).isEqualTo(202);
		assertThat(this.calls.post("/events/order.created").json("{}").send().statusCode()).isEqualTo(202);
	}

	@Test
	void webhookSignatureIsStillRequired() throws Exception {
		HttpResponse<String> response = this.calls.post("/github").json("{}").send();
		assertThat(response.statusCode()).isEqualTo(401);
		// the webhook's own answer, not Spring Security's
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void applicationHandlersBesideTheWebhooksStayProtected() throws Exception {
		assertThat(this.calls.post("/x").json("{}").send().statusCode()).isEqualTo(401);
		assertThat(this.calls.request("GET", "/x").send().statusCode()).isEqualTo(401);
		assertThat(this.calls.post("/unknown").json("{}").send().statusCode()).isEqualTo(401);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class TestApplication {

		@GetMapping("/x")
		String get() {
			return "x";
		}

		@PostMapping("/x")
		String post() {
			return "x";
		}

	}

}
