package io.github.webhookstarter.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.TestingAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@link WebhookRequest} is an immutable view of its {@link InboundCall}.
 */
class WebhookRequestTests {

	private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

	@Test
	void requestIsMadeOfItsCall() {
		InboundCall call = call();
		WebhookRequest request = WebhookRequest.of(call, JsonPointer.compile("/data"), JSON_MAPPER, null);
		assertThat(request.call()).isSameAs(call);
		assertThat(request.getCallId()).isEqualTo("call-1");
		assertThat(request.getSource()).isEqualTo("std");
		assertThat(request.getEventType()).isEqualTo("order.created");
		assertThat(request.getWebhookId()).isEqualTo("msg_1");
		assertThat(request.getHeaders().getFirst("webhook-id")).isEqualTo("msg_1");
		assertThat(request.getBodyAsString()).isEqualTo("{\"data\":{\"id\":7}}");
		assertThat(request.getRemoteAddress()).isEqualTo("203.0.113.7");
		assertThat(request.getReceivedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
		assertThat(request.getPayload().path("id").asInt()).isEqualTo(7);
		assertThat(request.getJson()).isSameAs(request.getJson());
		assertThat(request.getAuthentication()).isNull();
	}

	@Test
	void withAuthenticationReturnsACopyAndLeavesTheRequestAsItWas() {
		WebhookRequest request = WebhookRequest.of(call(), JsonPointer.empty(), JSON_MAPPER, null);
		TestingAuthenticationToken partner = new TestingAuthenticationToken("partner", null, "ROLE_WEBHOOK");
		WebhookRequest authenticated = request.withAuthentication(partner);
		assertThat(authenticated).isNotSameAs(request);
		assertThat(authenticated.getAuthentication()).isSameAs(partner);
		assertThat(authenticated.call()).isSameAs(request.call());
		assertThat(request.getAuthentication()).isNull();
	}

	@Test
	void headersCannotBeChanged() {
		WebhookRequest request = WebhookRequest.of(call(), JsonPointer.empty(), JSON_MAPPER, null);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.getHeaders().add("X-Other", "value"));
	}

	private static InboundCall call() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("webhook-id", "msg_1");
		return new InboundCall("call-1", "std", "order.created", "msg_1", headers,
				"{\"data\":{\"id\":7}}".getBytes(StandardCharsets.UTF_8), "203.0.113.7",
				Instant.parse("2026-03-01T10:00:00Z"));
	}

}
