package io.github.webhookstarter.inbound;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Writes an RFC 9457 problem detail as the answer to a webhook call.
 *
 * @author Webhook Starter team
 */
final class ProblemResponder {

	private final JsonMapper jsonMapper;

	ProblemResponder(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	void send(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, @Nullable String detail)
			throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		HttpStatus knownStatus = HttpStatus.resolve(status.value());
		problem.put("title", (knownStatus != null) ? knownStatus.getReasonPhrase() : "Error");
		problem.put("status", status.value());
		if (detail != null) {
			problem.put("detail", detail);
		}
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(this.jsonMapper.writeValueAsBytes(problem));
	}

}
