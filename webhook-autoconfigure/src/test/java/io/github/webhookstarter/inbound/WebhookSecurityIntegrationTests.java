package io.github.webhookstarter.inbound;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.webhookstarter.outbound.WebhookEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with Spring Security's defaults (CSRF on, every request authenticated) still
 * receives webhooks on the webhook paths, and only there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = WebhookSecurityIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.sources.github.signature=github",
				"webhook.inbound.sources.github.secret=gh-secret",
				"webhook.inbound.sources.root.path=/", "webhook.inbound.sources.root.allow-unauthenticated=true",
				"webhook.inbound.sources.events.path=/hooks/events", "webhook.inbound.sources.events.event-type=path",
				"webhook.inbound.sources.events.allow-unauthenticated=true",
				"webhook.outbound.endpoints[0].name=orders", "webhook.outbound.endpoints[0].url=https://example.com/orders",
				"webhook.outbound.endpoints[0].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
				"management.endpoints.web.exposure.include=health,webhooks" })
class WebhookSecurityIntegrationTests {

	@LocalServerPort
	int port;

	WebhookCalls calls;

	@Autowired
	WebhookEndpoints endpoints;

	@BeforeEach
	void setUp() {
		this.calls = new WebhookCalls(this.port);
	}

	@Test
	void webhookPathsReceiveWithoutCsrfTokenOrLogin() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/github")
			.json("{}")
			.header("X-GitHub-Event", "ping")
			.githubSignature("gh-secret")
			.send();
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(this.calls.post("/").json("{\"type\":\"a\"}").send().statusCode()).isEqualTo(202);
		assertThat(this.calls.post("/hooks/events/order.created").json("{}").send().statusCode()).isEqualTo(202);
	}

	@Test
	void webhookSignatureIsStillRequired() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/github").json("{}").send();
		assertThat(response.statusCode()).isEqualTo(401);
		// the webhook's own answer, not Spring Security's
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void applicationHandlersUnderTheWebhookBasePathStayProtected() throws Exception {
		assertThat(this.calls.post("/webhooks/admin").json("{}").send().statusCode()).isEqualTo(401);
		assertThat(this.calls.post("/webhooks/unknown").json("{}").send().statusCode()).isEqualTo(401);
		assertThat(this.calls.post("/hooks/events/order.created/x").json("{}").send().statusCode()).isEqualTo(401);
	}

	@Test
	void restOfTheApplicationStaysProtected() throws Exception {
		assertThat(this.calls.request("GET", "/hello").send().statusCode()).isEqualTo(401);
		assertThat(this.calls.post("/hello").json("{}").send().statusCode()).isEqualTo(401);
		assertThat(this.calls.request("GET", "/").send().statusCode()).isEqualTo(401);
		assertThat(this.calls.request("GET", "/webhooks/github").send().statusCode()).isEqualTo(401);
	}

	@Test
	void actuatorWriteOperationsNeedTheApplicationsActuatorSecurity() throws Exception {
		assertThat(this.calls.post("/actuator/webhooks/endpoints/orders/disable").json("{\"reason\":\"x\"}").send().statusCode())
			.isEqualTo(401);
		assertThat(this.endpoints.getDisabledEndpoints()).isEmpty();
		assertThat(this.calls.post("/actuator/webhooks/deliveries/d-1/retry").json("{}").send().statusCode())
			.isEqualTo(401);
		assertThat(this.calls.request("GET", "/actuator/webhooks").send().statusCode()).isEqualTo(401);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class TestApplication {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@PostMapping("/hello")
		String postHello() {
			return "hello";
		}

		@PostMapping("/webhooks/admin")
		String admin() {
			return "admin";
		}

	}

}
