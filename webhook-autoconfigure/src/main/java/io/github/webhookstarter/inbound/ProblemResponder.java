package io.github.webhookstarter.inbound;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * Writes an RFC 9457 {@link ProblemDetail} as the answer to a webhook call, as
 * {@code application/problem+json} with the application's {@link JsonMapper}.
 *
 * @author Webhook Starter team
 */
final class ProblemResponder {

	private static final URI BLANK_TYPE = URI.create("about:blank");

	private static final String UNKNOWN_STATUS_TITLE = "Error";

	private final JsonMapper jsonMapper;

	ProblemResponder(JsonMapper jsonMapper) {
		// as Spring MVC's converter does it: custom properties at the top level, empty ones left out
		this.jsonMapper = jsonMapper.rebuild().addMixIn(ProblemDetail.class, OrderedProblemDetailMixin.class).build();
	}

	/**
	 * Answer with a problem detail of a status.
	 * @param request the request
	 * @param response the response
	 * @param status the status
	 * @param detail the detail, if any; sent to the caller, so never a secret
	 * @throws IOException if writing fails
	 */
	void send(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, @Nullable String detail)
			throws IOException {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setDetail(detail);
		send(request, response, status, problem, HttpHeaders.EMPTY);
	}

	/**
	 * Answer with a problem detail as it is, such as one of an
	 * {@link org.springframework.web.ErrorResponse}, with its headers.
	 * @param request the request
	 * @param response the response
	 * @param status the status
	 * @param problem the problem detail; members it lacks are filled in: {@code type}
	 * {@code about:blank}, the {@code title} of its status, and the request's path as its
	 * {@code instance}
	 * @param headers headers to add to the response
	 * @throws IOException if writing fails
	 */
	void send(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, ProblemDetail problem,
			HttpHeaders headers) throws IOException {
		// Spring Framework 7 leaves the default type out; an answer always had it
		if (problem.getType() == null) {
			problem.setType(BLANK_TYPE);
		}
		if (problem.getTitle() == null) {
			HttpStatus knownStatus = HttpStatus.resolve(problem.getStatus());
			problem.setTitle((knownStatus != null) ? knownStatus.getReasonPhrase() : UNKNOWN_STATUS_TITLE);
		}
		if (problem.getInstance() == null) {
			problem.setInstance(instance(request));
		}
		response.setStatus(status.value());
		headers.forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(this.jsonMapper.writeValueAsBytes(problem));
	}

	private static @Nullable URI instance(HttpServletRequest request) {
		try {
			return URI.create(request.getRequestURI());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Spring's mix-in, with the members in the order of RFC 9457.
	 */
	@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
	private interface OrderedProblemDetailMixin extends ProblemDetailJacksonMixin {

	}

}
