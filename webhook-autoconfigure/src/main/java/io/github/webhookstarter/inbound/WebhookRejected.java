package io.github.webhookstarter.inbound;

import org.jspecify.annotations.Nullable;

/**
 * Application event published when the endpoint refused a webhook call. It carries neither the
 * body nor the headers of the call.
 *
 * @param source the name of the source the call was sent to, or {@code null} if no source
 * answers at its path
 * @param status the status of the answer
 * @param outcome which check refused it
 * @param reason the detail of the answer, as the sender saw it, or {@code null} if the answer had
 * none (as an authenticator's {@code ResponseStatusException} without a reason)
 * @author Webhook Starter team
 */
public record WebhookRejected(@Nullable String source, int status, InboundOutcome outcome,
		@Nullable String reason) {

}
