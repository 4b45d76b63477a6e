package io.github.webhookstarter.outbound;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The runtime state of an endpoint, as an {@link EndpointStateStore} keeps it.
 *
 * @param endpoint the name of the endpoint
 * @param disabled whether it is disabled
 * @param disabledReason why it is disabled, or {@code null} if it is enabled
 * @param disabledAt when it was disabled, or {@code null} if it is enabled
 * @param failingSince since when every attempt to it has failed, or {@code null} if none
 * failed since the last success or since it was enabled
 * @param nextSendAt when it may next be sent to under its rate limit, or {@code null} if it
 * was never reserved
 * @author Webhook Starter team
 */
public record EndpointState(String endpoint, boolean disabled, @Nullable String disabledReason,
		@Nullable Instant disabledAt, @Nullable Instant failingSince, @Nullable Instant nextSendAt) {

}
