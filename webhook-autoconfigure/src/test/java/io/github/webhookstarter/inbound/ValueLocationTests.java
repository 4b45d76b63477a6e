package io.github.webhookstarter.inbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ValueLocation}.
 *
 * @author Webhook Starter team
 */
class ValueLocationTests {

	@Test
	void headerReadsThatHeaderIgnoringCase() {
		ValueLocation location = ValueLocation.parse("header:X-GitHub-Delivery");
		assertThat(location.read(headers("x-github-delivery", "d-1"), null, "github")).isEqualTo("d-1");
		assertThat(location.read(new HttpHeaders(), null, "github")).isNull();
		assertThat(location.isPath()).isFalse();
	}

	@Test
	void headerWithAlternativesReadsTheFirstPresent() {
		ValueLocation location = ValueLocation.parse("header: webhook-id , svix-id");
		HttpHeaders both = headers("svix-id", "msg_svix");
		both.set("webhook-id", "msg_standard");
		assertThat(location.read(both, null, null)).isEqualTo("msg_standard");
		assertThat(location.read(headers("svix-id", "msg_svix"), null, null)).isEqualTo("msg_svix");
		assertThat(location.read(headers("webhook-id", "msg_standard"), null, null)).isEqualTo("msg_standard");
		assertThat(location.read(headers("other-id", "msg_other"), null, null)).isNull();
		assertThat(location).hasToString("header: webhook-id , svix-id");
	}

	@Test
	void jsonReadsScalarAtPointer() {
		ValueLocation location = ValueLocation.parse("json:/data/type");
		assertThat(location.read(new HttpHeaders(), JsonMapper.builder().build().readTree("{\"data\":{\"type\":\"x\"}}"),
				null))
			.isEqualTo("x");
		assertThat(location.read(new HttpHeaders(), null, null)).isNull();
	}

	@Test
	void pathReadsLastPathSegment() {
		ValueLocation location = ValueLocation.parse("path");
		assertThat(location.isPath()).isTrue();
		assertThat(location.read(new HttpHeaders(), null, "push")).isEqualTo("push");
	}

	@ParameterizedTest
	@ValueSource(strings = { "header:", "header: ", "header:a,", "header:,a", "header:a,,b", "header:a, ,b", "json:",
			"json:type", "body.type", "" })
	void parseWhenNotALocationThrows(String location) {
		assertThatIllegalArgumentException().isThrownBy(() -> ValueLocation.parse(location))
			.withMessage("'" + location + "' is not a value location; use 'header:NAME' (or 'header:NAME,OTHER' for "
					+ "the first present), 'json:/pointer' (a JSON pointer) or 'path'");
	}

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(name, value);
		return headers;
	}

}
