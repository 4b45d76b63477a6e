package io.github.webhookstarter.inbound;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;

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

	WebhookRejectedException(HttpStatusCode status, InboundOutcome outcome, @Nullable String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.outcome = outcome;
	}

	HttpStatusCode getStatus() {
		return this.status;
	}

	InboundOutcome getOutcome() {
		return this.outcome;
	}

}
