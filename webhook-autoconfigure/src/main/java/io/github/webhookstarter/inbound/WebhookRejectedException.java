package io.github.webhookstarter.inbound;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * Thrown by a step of the inbound pipeline to answer a call with an error status. The detail is
 * sent to the caller as an RFC 9457 problem detail, so it must never contain a secret.
 * <p>
 * Stack traces are not recorded: a rejection is an answer, not a failure.
 *
 * @author Webhook Starter team
 */
final class WebhookRejectedException extends RuntimeException {

	private final HttpStatusCode status;

	private final InboundOutcome outcome;

	private final @Nullable ProblemDetail body;

	private final HttpHeaders headers;

	WebhookRejectedException(HttpStatusCode status, InboundOutcome outcome, @Nullable String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.outcome = outcome;
		this.body = null;
		this.headers = HttpHeaders.EMPTY;
	}

	/**
	 * Create a rejection that answers with an error response as it is: its status, its
	 * problem detail and its headers.
	 * @param response the error response, such as an
	 * {@link org.springframework.web.ErrorResponseException}
	 * @param outcome the outcome
	 */
	WebhookRejectedException(ErrorResponse response, InboundOutcome outcome) {
		super(response.getBody().getDetail(), null, false, false);
		this.status = response.getStatusCode();
		this.outcome = outcome;
		this.body = response.getBody();
		this.headers = response.getHeaders();
	}

	HttpStatusCode getStatus() {
		return this.status;
	}

	InboundOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Return the problem detail to answer with as it is, if the rejection has one of its own.
	 * @return the problem detail, or {@code null} to answer with one of the status and the
	 * message
	 */
	@Nullable ProblemDetail getBody() {
		return this.body;
	}

	HttpHeaders getHeaders() {
		return this.headers;
	}

}
