package io.github.webhookstarter.inbound;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.server.ResponseStatusException;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.core.Polls;
import io.github.webhookstarter.store.memory.InMemoryInboundStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every row of the inbound status table, in order, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = InboundPipelineIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.max-body-size=64KB", "webhook.inbound.max-decoded-size=1MB",
				"webhook.inbound.sources.github.signature=github", "webhook.inbound.sources.github.secret=gh-secret",
				"webhook.inbound.sources.std.signature=standard",
				"webhook.inbound.sources.std.secret=" + InboundPipelineIntegrationTests.STANDARD_SECRET,
				"webhook.inbound.sources.auth.authenticator=testAuthenticator",
				"webhook.inbound.sources.auth.mode=sync",
				"webhook.inbound.sources.open.allow-unauthenticated=true",
				"webhook.inbound.sources.open.content-types=text/plain",
				"webhook.inbound.sources.open.event-type=path",
				"webhook.inbound.sources.open.path=/hooks/open",
				"webhook.inbound.sources.off.allow-unauthenticated=true",
				"webhook.inbound.sources.off.enabled=false",
				// Spring Security lets only POST through to webhook paths; WebhookSecurityIntegrationTests covers it
				"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
class InboundPipelineIntegrationTests {

	static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	@LocalServerPort
	int port;

	@Autowired
	Listeners listeners;

	@Autowired
	FailingStore store;

	WebhookCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new WebhookCalls(this.port);
		this.listeners.received.clear();
		this.store.failing.set(false);
	}

	@Test
	void unknownSourceIsNotFound() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/nope").json("{}").send();
		assertProblem(response, 404);
	}

	@Test
	void disabledSourceIsNotFound() throws Exception {
		assertProblem(this.calls.post("/webhooks/off").json("{}").send(), 404);
	}

	@Test
	void otherMethodThanPostIsNotAllowed() throws Exception {
		HttpResponse<String> response = this.calls.request("PUT", "/webhooks/github").json("{}").send();
		assertProblem(response, 405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void missingOrNonJsonContentTypeIsUnsupported() throws Exception {
		assertProblem(this.calls.post("/webhooks/github").json("{}").header("Content-Type", null).send(), 415);
		assertProblem(this.calls.post("/webhooks/github").json("{}").header("Content-Type", "text/plain").send(), 415);
		assertProblem(this.calls.post("/webhooks/github").json("{}").header("Content-Type", "application/xml").send(),
				415);
	}

	@Test
	void jsonWithParametersAndPlusJsonTypesAreAccepted() throws Exception {
		assertThat(github("{\"zen\":1}").header("Content-Type", "application/json; charset=utf-8").send().statusCode())
			.isEqualTo(202);
		assertThat(github("{\"zen\":2}").header("Content-Type", "application/calendar+json").send().statusCode())
			.isEqualTo(202);
	}

	@Test
	void sourceMayWidenContentTypes() throws Exception {
		HttpResponse<String> response = this.calls.post("/hooks/open/thing.happened")
			.json("{\"a\":1}")
			.header("Content-Type", "text/plain; charset=utf-8")
			.send();
		assertThat(response.statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.listeners.received).contains("open:thing.happened"));
	}

	@Test
	void unsupportedContentEncodingIsUnsupported() throws Exception {
		assertProblem(github("{}").header("Content-Encoding", "compress").send(), 415);
	}

	@Test
	void bodyOverLimitIsTooLarge() throws Exception {
		String big = "{\"a\":\"" + "x".repeat(70 * 1024) + "\"}";
		assertProblem(github(big).send(), 413);
		assertProblem(github(big).chunked().send(), 413);
	}

	@Test
	void decodedBodyOverLimitIsTooLarge() throws Exception {
		ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
			byte[] zeros = new byte[64 * 1024];
			for (int i = 0; i < 64; i++) {
				gzip.write(zeros);
			}
		}
		assertThat(gzipped.size()).isLessThan(64 * 1024);
		assertProblem(this.calls.post("/webhooks/github")
			.body(gzipped.toByteArray())
			.githubSignature("gh-secret")
			.header("Content-Encoding", "gzip")
			.send(), 413);
	}

	@Test
	void corruptEncodingIsBadRequest() throws Exception {
		assertProblem(this.calls.post("/webhooks/github")
			.json("not gzip at all")
			.githubSignature("gh-secret")
			.header("Content-Encoding", "gzip")
			.send(), 400);
	}

	@Test
	void missingOrWrongSignatureIsUnauthorized() throws Exception {
		assertProblem(github("{}").header("X-Hub-Signature-256", null).header("X-GitHub-Delivery", "d-unsigned").send(),
				401);
		assertProblem(this.calls.post("/webhooks/github")
			.json("{}")
			.header("X-GitHub-Event", "push")
			.header("X-GitHub-Delivery", "d-unsigned")
			.githubSignature("not-the-secret")
			.send(), 401);
		Polls.waitPastTheNextPoll();
		assertThat(this.listeners.received("github:push:d-unsigned")).isEmpty();
	}

	@Test
	void timestampOutOfToleranceIsUnauthorized() throws Exception {
		assertProblem(standard("msg_old", Instant.now().minus(Duration.ofMinutes(10)), "{\"type\":\"a\"}"), 401);
		assertProblem(standard("msg_future", Instant.now().plus(Duration.ofMinutes(10)), "{\"type\":\"a\"}"), 401);
		assertThat(standard("msg_now", Instant.now().minus(Duration.ofMinutes(4)), "{\"type\":\"a\"}").statusCode())
			.isEqualTo(202);
	}

	@Test
	void authenticatorRefusalIsForbidden() throws Exception {
		assertProblem(this.calls.post("/webhooks/auth").json("{\"type\":\"x\"}").header("X-Test-Auth", "deny").send(),
				403);
	}

	@Test
	void authenticatorResponseStatusExceptionChoosesTheAnswer() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/auth")
			.json("{\"type\":\"x\"}")
			.header("X-Test-Auth", "teapot")
			.send();
		assertProblem(response, 418);
		assertThat(response.body()).contains("short and stout");
	}

	@Test
	void authenticatorFailureIsServerErrorWithoutDetail() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/auth")
			.json("{\"type\":\"x\"}")
			.header("X-Test-Auth", "boom")
			.send();
		assertProblem(response, 500);
		assertThat(response.body()).doesNotContain("internals");
	}

	@Test
	void authenticatedSenderIsTheSecurityContextOfListeners() throws Exception {
		HttpResponse<String> response = this.calls.post("/webhooks/auth")
			.json("{\"type\":\"x\"}")
			.header("X-Test-Auth", "accept")
			.send();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.listeners.received("auth:")).containsExactly("auth:x:partner");
		HttpResponse<String> anonymous = this.calls.post("/webhooks/auth")
			.json("{\"type\":\"y\"}")
			.header("X-Test-Auth", "anonymous")
			.send();
		assertThat(anonymous.statusCode()).isEqualTo(200);
		assertThat(this.listeners.received("auth:")).containsExactly("auth:x:partner", "auth:y:anonymous");
	}

	@Test
	void malformedJsonIsBadRequest() throws Exception {
		assertProblem(github("{\"unterminated\": ").send(), 400);
	}

	@Test
	void emptyBodyIsBadRequest() throws Exception {
		assertProblem(github("").header("X-GitHub-Delivery", "d-empty").send(), 400);
	}

	@Test
	void jsonFollowedByMoreTokensIsBadRequest() throws Exception {
		assertProblem(github("{\"ref\":\"refs/heads/main\"} {}").header("X-GitHub-Delivery", "d-trailing").send(), 400);
	}

	@Test
	void jsonStringOfInvalidUtf8IsBadRequest() throws Exception {
		byte[] body = { '{', '"', 'r', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
		assertProblem(this.calls.post("/webhooks/github")
			.body(body)
			.header("Content-Type", "application/json")
			.header("X-GitHub-Event", "push")
			.header("X-GitHub-Delivery", "d-utf8")
			.githubSignature("gh-secret")
			.send(), 400);
		assertThat(this.store.findStatus("github", "d-utf8")).isNull();
	}

	@Test
	void jsonScalarIsAccepted() throws Exception {
		HttpResponse<String> response = github("\"a push\"").header("X-GitHub-Delivery", "d-scalar").send();
		assertThat(response.statusCode()).isEqualTo(202);
	}

	@Test
	void whenTwoStepsFailTheEarlierStepOfTheTableAnswers() throws Exception {
		String malformed = "{\"unterminated\": ";
		// signature (401) comes before well-formed JSON (400)
		assertProblem(this.calls.post("/webhooks/github")
			.json(malformed)
			.header("X-GitHub-Event", "push")
			.header("X-GitHub-Delivery", "d-both-wrong")
			.githubSignature("not-the-secret")
			.send(), 401);
		assertProblem(standard("msg_old_malformed", Instant.now().minus(Duration.ofMinutes(10)), malformed), 401);
		// the authenticator (403) comes before well-formed JSON (400)
		assertProblem(this.calls.post("/webhooks/auth").json(malformed).header("X-Test-Auth", "deny").send(), 403);
		assertProblem(this.calls.post("/webhooks/auth").json(malformed).header("X-Test-Auth", "teapot").send(), 418);
		// and each of those steps passed, the JSON answers
		assertProblem(github(malformed).send(), 400);
		assertProblem(this.calls.post("/webhooks/auth").json(malformed).header("X-Test-Auth", "accept").send(), 400);
	}

	@Test
	void duplicateIsAcknowledgedAndNotDispatchedAgain() throws Exception {
		String body = "{\"ref\":\"refs/heads/main\"}";
		assertThat(github(body).header("X-GitHub-Delivery", "d-1").send().statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.listeners.received("github:push:d-1")).hasSize(1));
		HttpResponse<String> again = github(body).header("X-GitHub-Delivery", "d-1").send();
		assertThat(again.statusCode()).isEqualTo(200);
		Polls.waitPastTheNextPoll();
		assertThat(this.listeners.received("github:push:d-1")).hasSize(1);
	}

	@Test
	void storeDownIsServiceUnavailable() throws Exception {
		this.store.failing.set(true);
		assertProblem(github("{}").header("X-GitHub-Delivery", "d-store").send(), 503);
	}

	@Test
	void storedCallIsAcceptedAndDispatched() throws Exception {
		HttpResponse<String> response = github("{\"ref\":\"refs/heads/main\"}").header("X-GitHub-Delivery", "d-2")
			.send();
		assertThat(response.statusCode()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(this.listeners.received("github:push:d-2")).hasSize(1));
	}

	private WebhookCalls.Call github(String json) {
		return this.calls.post("/webhooks/github").json(json).header("X-GitHub-Event", "push").githubSignature("gh-secret");
	}

	private HttpResponse<String> standard(String id, Instant timestamp, String json) throws Exception {
		String signature = new Webhook(STANDARD_SECRET).sign(id, timestamp.getEpochSecond(), json);
		return this.calls.post("/webhooks/std")
			.json(json)
			.header("webhook-id", id)
			.header("webhook-timestamp", Long.toString(timestamp.getEpochSecond()))
			.header("webhook-signature", signature)
			.send();
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("application/problem+json"));
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotEmpty();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

		@Bean
		FailingStore failingStore() {
			return new FailingStore();
		}

		@Bean
		WebhookAuthenticator testAuthenticator() {
			return (request) -> switch (String.valueOf(request.getHeaders().getFirst("X-Test-Auth"))) {
				case "accept" -> new TestingAuthenticationToken("partner", null, "ROLE_WEBHOOK");
				case "deny" -> {
					Authentication denied = new TestingAuthenticationToken("stranger", null);
					denied.setAuthenticated(false);
					yield denied;
				}
				case "teapot" -> throw new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT, "short and stout");
				case "boom" -> throw new IllegalStateException("secret internals");
				default -> null;
			};
		}

	}

	static class Listeners {

		final List<String> received = new CopyOnWriteArrayList<>();

		List<String> received(String prefix) {
			return this.received.stream().filter((line) -> line.startsWith(prefix)).toList();
		}

		@WebhookEvent(value = "push", source = "github")
		void onPush(WebhookRequest request) {
			this.received.add("github:" + request.getEventType() + ":" + request.getWebhookId());
		}

		@WebhookEvent(value = "*", source = "auth")
		void onAuth(WebhookRequest request) {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			this.received.add("auth:" + request.getEventType() + ":"
					+ ((authentication != null) ? authentication.getName() : "anonymous"));
		}

		@WebhookEvent(value = "*", source = "open")
		void onOpen(WebhookRequest request, byte[] body) {
			assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
			this.received.add("open:" + request.getEventType());
		}

	}

	static class FailingStore extends InMemoryInboundStore {

		final AtomicBoolean failing = new AtomicBoolean();

		@Override
		public boolean savePending(InboundCall call) {
			if (this.failing.get()) {
				throw new IllegalStateException("store is down");
			}
			return super.savePending(call);
		}

		// a call handed over to a free dispatcher is stored claimed
		@Override
		public boolean saveClaimed(InboundCall call, Instant leaseEnd) {
			if (this.failing.get()) {
				throw new IllegalStateException("store is down");
			}
			return super.saveClaimed(call, leaseEnd);
		}

	}

}
