package io.github.webhookstarter.subscription;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscriptions API over real HTTP, in an application with its own security (HTTP Basic,
 * two users) and its own controller beside it, under the default URL policy: https only, no
 * address that is not public. Its URLs are literal public addresses, so that nothing depends on
 * DNS, except where a name that resolves to loopback is the point.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = SubscriptionsApiIntegrationTests.TestApplication.class,
		properties = { "webhook.store=memory", "webhook.subscriptions.enabled=true",
				"webhook.subscriptions.max-per-owner=5", "management.endpoints.web.exposure.include=webhooks" })
class SubscriptionsApiIntegrationTests {

	static final String PUBLIC_URL = "https://93.184.215.14/hooks";

	private final HttpClient client = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	WebhookSubscriptions subscriptions;

	@Test
	void createAnswers201WithLocationAndTheSecretOnce() throws Exception {
		Instant before = Instant.now();
		HttpResponse<String> created = send("carol", "POST", "",
				"{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"order.*\"], \"description\": \"Orders\"}");
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode body = this.json.readTree(created.body());
		String id = body.get("id").asString();
		assertThat(id).startsWith("sub_");
		assertThat(created.headers().firstValue("Location"))
			.hasValue("http://localhost:" + this.port + "/webhooks/subscriptions/" + id);
		String secret = body.get("secret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(24);
		assertThat(body.get("url").asString()).isEqualTo(PUBLIC_URL);
		assertThat(body.get("events").toString()).isEqualTo("[\"order.*\"]");
		assertThat(body.get("description").asString()).isEqualTo("Orders");
		assertThat(body.get("signature").asString()).isEqualTo("standard");
		assertThat(body.get("active").asBoolean()).isTrue();
		assertThat(Instant.parse(body.get("createdAt").asString())).isBetween(before, Instant.now());

		HttpResponse<String> read = send("carol", "GET", "/" + id, null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(secret).doesNotContain("\"secret\"");
		assertThat(this.json.readTree(read.body()).get("lastAttempts").isArray()).isTrue();
	}

	@Test
	void ownersSeeAndChangeOnlyTheirOwnSubscriptions() throws Exception {
		String id = create("alice", "{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"invoice.paid\"]}");
		assertThat(send("alice", "GET", "/" + id, null).statusCode()).isEqualTo(200);
		HttpResponse<String> notBobs = send("bob", "GET", "/" + id, null);
		assertThat(notBobs.statusCode()).isEqualTo(404);
		assertThat(notBobs.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(notBobs.body()).contains("You have no subscription '" + id + "'");
		assertThat(send("bob", "PATCH", "/" + id, "{\"events\": [\"*\"]}").statusCode()).isEqualTo(404);
		assertThat(send("bob", "POST", "/" + id + "/rotate-secret", null).statusCode()).isEqualTo(404);
		assertThat(send("bob", "DELETE", "/" + id, null).statusCode()).isEqualTo(404);
		JsonNode bobs = this.json.readTree(send("bob", "GET", "", null).body());
		assertThat(bobs.get("subscriptions").toString()).doesNotContain(id);
		JsonNode alices = this.json.readTree(send("alice", "GET", "", null).body());
		assertThat(alices.get("subscriptions").toString()).contains(id);
		// bob's attempts changed nothing
		assertThat(this.subscriptions.find("alice", id)).hasValueSatisfying(
				(subscription) -> assertThat(subscription.events()).containsExactly("invoice.paid"));
	}

	@Test
	void callersWithoutCredentialsAreRefused() throws Exception {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri(""))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"*\"]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(send("mallory", "GET", "", null).statusCode()).isEqualTo(401);
	}

	@Test
	void listIsPagedOldestFirst() throws Exception {
		String first = create("dave", "{\"url\": \"" + PUBLIC_URL + "/1\", \"events\": [\"a\"]}");
		String second = create("dave", "{\"url\": \"" + PUBLIC_URL + "/2\", \"events\": [\"b\"]}");
		String third = create("dave", "{\"url\": \"" + PUBLIC_URL + "/3\", \"events\": [\"c\"]}");
		JsonNode page0 = this.json.readTree(send("dave", "GET", "?page=0&size=2", null).body());
		assertThat(page0.get("total").asLong()).isEqualTo(3);
		assertThat(page0.get("subscriptions").findValuesAsString("id")).containsExactly(first, second);
		JsonNode page1 = this.json.readTree(send("dave", "GET", "?page=1&size=2", null).body());
		assertThat(page1.get("subscriptions").findValuesAsString("id")).containsExactly(third);
		assertThat(page0.toString()).doesNotContain("whsec_");
		assertProblem(send("dave", "GET", "?size=1000", null), 422, "size");
	}

	@Test
	void patchChangesOnlyWhatItNames() throws Exception {
		String id = create("erin",
				"{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"order.*\"], \"description\": \"Before\"}");
		HttpResponse<String> patched = send("erin", "PATCH", "/" + id,
				"{\"events\": [\"order.created\", \"invoice.*\"], \"headers\": {\"X-Tenant\": \"42\"}}");
		assertThat(patched.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(patched.body());
		assertThat(body.get("events").toString()).isEqualTo("[\"order.created\",\"invoice.*\"]");
		assertThat(body.get("headers").get("X-Tenant").asString()).isEqualTo("42");
		assertThat(body.get("description").asString()).isEqualTo("Before");
		assertThat(body.get("url").asString()).isEqualTo(PUBLIC_URL);
		assertThat(body.has("secret")).isFalse();

		JsonNode deactivated = this.json.readTree(send("erin", "PATCH", "/" + id, "{\"active\": false}").body());
		assertThat(deactivated.get("active").asBoolean()).isFalse();
		assertThat(deactivated.get("inactiveReason").asString()).isEqualTo("deactivated by its owner");
		JsonNode reactivated = this.json.readTree(send("erin", "PATCH", "/" + id, "{\"active\": true}").body());
		assertThat(reactivated.get("active").asBoolean()).isTrue();
		assertThat(reactivated.has("inactiveReason")).isFalse();
	}

	@Test
	void rotateSecretShowsTheNewSecretOnceAndKeepsTheOldOneForTheOverlap() throws Exception {
		String created = send("frank", "POST", "", "{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"*\"]}").body();
		String id = this.json.readTree(created).get("id").asString();
		String oldSecret = this.json.readTree(created).get("secret").asString();
		Instant before = Instant.now();
		HttpResponse<String> rotated = send("frank", "POST", "/" + id + "/rotate-secret", null);
		assertThat(rotated.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(rotated.body());
		String newSecret = body.get("secret").asString();
		assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
		assertThat(rotated.body()).doesNotContain(oldSecret);
		assertThat(Instant.parse(body.get("previousSecretExpiresAt").asString()))
			.isBetween(before.plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(24)));
		assertThat(send("frank", "GET", "/" + id, null).body()).doesNotContain(newSecret);
	}

	@Test
	void deleteAnswers204ThenTheSubscriptionIsGone() throws Exception {
		String id = create("grace", "{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"*\"]}");
		assertThat(send("grace", "DELETE", "/" + id, null).statusCode()).isEqualTo(204);
		assertThat(send("grace", "GET", "/" + id, null).statusCode()).isEqualTo(404);
		assertThat(send("grace", "DELETE", "/" + id, null).statusCode()).isEqualTo(404);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"events": ["order.*"]}                                                    | url       | url is required
			{"url": "https://93.184.215.14/"}                                          | events    | events is required
			{"url": "https://93.184.215.14/", "events": []}                            | events    | at least one
			{"url": "https://93.184.215.14/", "events": ["before:order.created"]}      | events    | before phase
			{"url": "https://93.184.215.14/", "events": ["a\\r\\nb"]}                  | events    | CR or LF
			{"url": "/relative", "events": ["*"]}                                      | url       | absolute
			{"url": "https://93.184.215.14/", "events": ["*"], "signature": "nope"}    | signature | one of [
			{"url": "https://93.184.215.14/", "events": ["*"], "rateLimit": -1}        | rateLimit | between 0
			{"url": "https://93.184.215.14/", "events": ["*"], "headers": {"X-A": "1\\r\\nX-B: 2"}} | headers | CR or LF
			{"url": "https://93.184.215.14/", "events": ["*"], "headers": {"Bad Name": "1"}}       | headers | not a token
			{"url": "https://93.184.215.14/", "events": ["*"], "headers": {"Content-Type": "x"}}   | headers | set by the sender
			{"url": "https://93.184.215.14/", "events": ["*"], "headers": {"webhook-signature": "x"}} | headers | carries the signature
			""")
	void invalidRequestsAnswer422NamingTheField(String body, String field, String message) throws Exception {
		HttpResponse<String> response = send("heidi", "POST", "", body);
		JsonNode problem = assertProblem(response, 422, field);
		assertThat(problem.get("detail").asString()).contains(message);
	}

	@Test
	void unreadableBodyAnswers400WithoutQuotingIt() throws Exception {
		HttpResponse<String> response = send("heidi", "POST", "", "{\"url\": \"secret-looking-value\", ");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).doesNotContain("secret-looking-value");
	}

	// every kind of address that is not public, literal or behind a name, IPv4, IPv6 and IPv4-mapped
	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1/", "https://localhost/", "https://169.254.169.254/latest/meta-data",
			"https://10.1.2.3/", "https://172.16.0.1/", "https://192.168.1.1/", "https://100.64.0.1/",
			"https://0.0.0.0/", "https://224.0.0.1/", "https://[::1]/", "https://[::]/", "https://[fe80::1]/",
			"https://[fc00::1]/", "https://[fd12:3456::1]/", "https://[ff02::1]/", "https://[::ffff:127.0.0.1]/",
			"https://[::ffff:169.254.169.254]/", "https://[::ffff:10.0.0.1]/", "https://2130706433/",
			"http://93.184.215.14/" })
	void urlsThePolicyRefusesAnswer422AtSubscribeTime(String url) throws Exception {
		HttpResponse<String> response = send("ivan", "POST", "", "{\"url\": \"" + url + "\", \"events\": [\"*\"]}");
		JsonNode problem = assertProblem(response, 422, "url");
		assertThat(problem.get("detail").asString()).contains("refused by the URL policy");
		assertThat(this.subscriptions.count("ivan")).isZero();
	}

	@Test
	void changingTheUrlIsCheckedAgain() throws Exception {
		String id = create("judy", "{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"*\"]}");
		assertProblem(send("judy", "PATCH", "/" + id, "{\"url\": \"https://localhost/\"}"), 422, "url");
		assertThat(this.subscriptions.find("judy", id))
			.hasValueSatisfying((subscription) -> assertThat(subscription.url()).hasToString(PUBLIC_URL));
	}

	@Test
	void anOwnerHasAtMostTheConfiguredNumberOfSubscriptions() throws Exception {
		for (int i = 0; i < 5; i++) {
			create("ken", "{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"*\"]}");
		}
		HttpResponse<String> response = send("ken", "POST", "",
				"{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"*\"]}");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.body()).contains("at most 5 subscriptions");
	}

	@Test
	void operatorsSeeSubscriptionsInTheActuatorWithoutSecretsAndDisableThemThere() throws Exception {
		String created = send("grace", "POST", "", "{\"url\": \"" + PUBLIC_URL + "\", \"events\": [\"*\"]}").body();
		String id = this.json.readTree(created).get("id").asString();
		String secret = this.json.readTree(created).get("secret").asString();
		HttpResponse<String> listed = send("grace", "GET", "/../../actuator/webhooks", null);
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).doesNotContain(secret);
		JsonNode subscriptions = this.json.readTree(listed.body()).get("subscriptions");
		assertThat(subscriptions.get("total").asInt()).isPositive();
		assertThat(subscriptions.get("shown").findValuesAsString("name")).contains(id);

		HttpResponse<String> disabled = send("grace", "POST", "/../../actuator/webhooks/endpoints/" + id + "/disable",
				"{\"reason\": \"abuse report\"}");
		assertThat(disabled.statusCode()).isEqualTo(200);
		JsonNode subscription = this.json.readTree(send("grace", "GET", "/" + id, null).body());
		assertThat(subscription.get("active").asBoolean()).isFalse();
		assertThat(subscription.get("inactiveReason").asString()).isEqualTo("abuse report");
	}

	@Test
	void theApplicationsOwnControllerStillAnswers() throws Exception {
		HttpResponse<String> response = send("alice", "GET", "/../../hello", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello alice");
	}

	private JsonNode assertProblem(HttpResponse<String> response, int status, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("field").asString()).isEqualTo(field);
		return problem;
	}

	private String create(String user, String body) throws Exception {
		HttpResponse<String> response = send(user, "POST", "", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return this.json.readTree(response.body()).get("id").asString();
	}

	private HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
		String credentials = user + ":" + user + "-password";
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + "/webhooks/subscriptions" + path).normalize();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.build();
		}

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					java.util.stream.Stream
						.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "ken")
						.map((name) -> User.withUsername(name).password("{noop}" + name + "-password").build())
						.toList()
						.toArray(new org.springframework.security.core.userdetails.UserDetails[0]));
		}

		@Bean
		HelloController helloController() {
			return new HelloController();
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello(java.security.Principal principal) {
			return "hello " + principal.getName();
		}

	}

}
