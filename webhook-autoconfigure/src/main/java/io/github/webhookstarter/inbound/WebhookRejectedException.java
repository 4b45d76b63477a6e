package io.github.webhookstarter.inbound;

import org.springframework.http.HttpStatus;

/**
 * Thrown by a step of the inbound pipeline to answer a call with an error status. The detail is
 * sent to the caller as an RFC 9457 problem detail, so it must never contain a secret.
 *
 * @author Webhook Starter team
 */
final class WebhookRejectedException extends RuntimeException {

	private final HttpStatus status;

	private final InboundOutcome outcome;

	WebhookRejectedException(HttpStatus status, InboundOutcome outcome, String detail) {
		super(detail, null, false, false);
		this.status = status;
		this.outcome = outcome;
	}

	HttpStatus getStatus() {
		return this.status;
	}

	InboundOutcome getOutcome() {
		return this.outcome;
	}

}
