package io.github.webhookstarter.inbound;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A call as an {@link InboundStore} holds it: the call, and the state of its dispatch around
 * it.
 *
 * @param call the call
 * @param status where its dispatch is
 * @param attempts how many times its listeners have been run, the current run included
 * @param dueAt when it is next due for dispatch, or {@code null} if it is not pending
 * @param lastError the message of the last listener failure, or {@code null}
 * @param completedListeners the ids of the listeners that have succeeded for the call
 * @param processedAt when its listeners last all succeeded, or {@code null} if they never did
 * @author Webhook Starter team
 */
public record StoredInboundCall(InboundCall call, InboundCallStatus status, int attempts, @Nullable Instant dueAt,
		@Nullable String lastError, Set<String> completedListeners, @Nullable Instant processedAt) {

}
