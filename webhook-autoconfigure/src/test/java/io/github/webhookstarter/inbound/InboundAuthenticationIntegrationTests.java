package io.github.webhookstarter.inbound;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import io.github.webhookstarter.WebhookEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authenticator's {@link Authentication} is the security context of listeners that run
 * while the sender waits (synchronous mode); it is not stored with a call, so listeners of a
 * call dispatched from the store run without it, with the in-memory store as with JDBC.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		classes = InboundAuthenticationIntegrationTests.TestApplication.class,
		properties = { "webhook.store=memory", "webhook.inbound.sources.now.authenticator=partnerAuthenticator",
				"webhook.inbound.sources.now.mode=sync",
				"webhook.inbound.sources.later.authenticator=partnerAuthenticator",
				"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
class InboundAuthenticationIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Listeners listeners;

	@BeforeEach
	void clear() {
		this.listeners.received.clear();
	}

	@Test
	void synchronousListenersRunWithTheAuthentication() throws Exception {
		HttpResponse<String> response = new WebhookCalls(this.port).post("/webhooks/now")
			.json("{\"type\":\"x\"}")
			.send();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.listeners.received).containsExactly("now:partner:partner");
	}

	@Test
	void listenersOfStoredCallsRunWithoutTheAuthentication() throws Exception {
		HttpResponse<String> response = new WebhookCalls(this.port).post("/webhooks/later")
			.json("{\"type\":\"x\"}")
			.send();
		assertThat(response.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.listeners.received).containsExactly("later:anonymous:null"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Listeners listeners() {
			return new Listeners();
		}

		@Bean
		WebhookAuthenticator partnerAuthenticator() {
			return (request) -> {
				assertThat(request.getAuthentication()).isNull();
				return new TestingAuthenticationToken("partner", null, "ROLE_WEBHOOK");
			};
		}

	}

	static class Listeners {

		final List<String> received = new CopyOnWriteArrayList<>();

		@WebhookEvent("*")
		void onAny(WebhookRequest request) {
			Authentication context = SecurityContextHolder.getContext().getAuthentication();
			Authentication authentication = request.getAuthentication();
			this.received.add(request.getSource() + ":" + ((context != null) ? context.getName() : "anonymous") + ":"
					+ ((authentication != null) ? authentication.getName() : "null"));
		}

	}

}
