package io.github.webhookstarter.inbound;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem details of inbound answers over real HTTP: the library's own, and an
 * authenticator's, answered whole.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = InboundProblemDetailIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.sources.auth.authenticator=problemAuthenticator",
				"webhook.inbound.sources.auth.mode=sync",
				"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
class InboundProblemDetailIntegrationTests {

	private static final JsonMapper jsonMapper = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	WebhookCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new WebhookCalls(this.port);
	}

	@Test
	void libraryProblemHasTheRfc9457Members() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/nope").json("{}").send();
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = jsonMapper.readTree(response.body());
		assertThat(problem.propertyNames()).containsExactly("type", "title", "status", "detail", "instance");
		assertThat(problem.path("type").asString()).isEqualTo("about:blank");
		assertThat(problem.path("title").asString()).isEqualTo("Not Found");
		assertThat(problem.path("status").asInt()).isEqualTo(404);
		assertThat(problem.path("detail").asString()).isNotEmpty();
		assertThat(problem.path("instance").asString()).isEqualTo("/webhooks/nope");
	}

	@Test
	void authenticatorErrorResponseIsAnsweredWhole() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/auth")
			.json("{\"type\":\"x\"}")
			.header("X-Test-Auth", "problem")
			.send();
		assertThat(response.statusCode()).isEqualTo(402);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("X-Account-Status")).hasValue("suspended");
		JsonNode problem = jsonMapper.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("https://example.com/problems/account-suspended");
		assertThat(problem.path("title").asString()).isEqualTo("Account suspended");
		assertThat(problem.path("status").asInt()).isEqualTo(402);
		assertThat(problem.path("detail").asString()).isEqualTo("Pay the invoice of March to receive webhooks again");
		assertThat(problem.path("instance").asString()).isEqualTo("/webhooks/auth");
		assertThat(problem.path("account").asString()).isEqualTo("acme");
		assertThat(problem.path("invoices").size()).isEqualTo(2);
	}

	@Test
	void authenticatorErrorResponseKeepsItsOwnInstance() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/auth")
			.json("{\"type\":\"x\"}")
			.header("X-Test-Auth", "instance")
			.send();
		assertThat(response.statusCode()).isEqualTo(409);
		JsonNode problem = jsonMapper.readTree(response.body());
		assertThat(problem.path("instance").asString()).isEqualTo("urn:conflict:42");
	}

	@Test
	void authenticatorResponseStatusExceptionIsAnsweredWithItsStatusReasonAndHeaders() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/auth")
			.json("{\"type\":\"x\"}")
			.header("X-Test-Auth", "teapot")
			.send();
		assertThat(response.statusCode()).isEqualTo(418);
		JsonNode problem = jsonMapper.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo("about:blank");
		assertThat(problem.path("title").asString()).isEqualTo("I'm a teapot");
		assertThat(problem.path("status").asInt()).isEqualTo(418);
		assertThat(problem.path("detail").asString()).isEqualTo("short and stout");
		assertThat(problem.path("instance").asString()).isEqualTo("/webhooks/auth");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		WebhookAuthenticator problemAuthenticator() {
			return (request) -> switch (String.valueOf(request.getHeaders().getFirst("X-Test-Auth"))) {
				case "problem" -> {
					ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED,
							"Pay the invoice of March to receive webhooks again");
					problem.setType(URI.create("https://example.com/problems/account-suspended"));
					problem.setTitle("Account suspended");
					problem.setProperty("account", "acme");
					problem.setProperty("invoices", List.of("inv-1", "inv-2"));
					HttpHeaders headers = new HttpHeaders();
					headers.set("X-Account-Status", "suspended");
					throw new ErrorResponseException(HttpStatus.PAYMENT_REQUIRED, problem, null) {

						@Override
						public HttpHeaders getHeaders() {
							return headers;
						}

					};
				}
				case "instance" -> {
					ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "taken");
					problem.setInstance(URI.create("urn:conflict:42"));
					throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
				}
				case "teapot" -> throw new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT, "short and stout");
				default -> null;
			};
		}

	}

}
