package io.github.webhookstarter.store.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.github.webhookstarter.outbound.EndpointState;
import io.github.webhookstarter.outbound.EndpointStateStore;

/**
 * {@link EndpointStateStore} in memory: the state is this instance's alone, and lost when the
 * application stops. It holds one state per endpoint that was ever disabled, failing or
 * rate-limited.
 *
 * @author Webhook Starter team
 */
public class InMemoryEndpointStateStore implements EndpointStateStore {

	private final Object lock = new Object();

	private final Map<String, EndpointState> states = new HashMap<>();

	@Override
	public boolean disable(String endpoint, String reason, Instant now) {
		synchronized (this.lock) {
			EndpointState state = state(endpoint);
			if (state.disabled()) {
				return false;
			}
			this.states.put(endpoint, new EndpointState(endpoint, true, reason, now, state.failingSince(),
					state.nextSendAt()));
			return true;
		}
	}

	@Override
	public boolean enable(String endpoint) {
		synchronized (this.lock) {
			EndpointState state = this.states.get(endpoint);
			if (state == null) {
				return false;
			}
			this.states.put(endpoint, new EndpointState(endpoint, false, null, null, null, state.nextSendAt()));
			return state.disabled();
		}
	}

	@Override
	public Set<String> findDisabled() {
		synchronized (this.lock) {
			return this.states.values()
				.stream()
				.filter(EndpointState::disabled)
				.map(EndpointState::endpoint)
				.collect(Collectors.toUnmodifiableSet());
		}
	}

	@Override
	public @Nullable EndpointState find(String endpoint) {
		synchronized (this.lock) {
			return this.states.get(endpoint);
		}
	}

	@Override
	public Instant recordFailure(String endpoint, Instant now) {
		synchronized (this.lock) {
			EndpointState state = state(endpoint);
			if (state.failingSince() != null) {
				return state.failingSince();
			}
			this.states.put(endpoint, new EndpointState(endpoint, state.disabled(), state.disabledReason(),
					state.disabledAt(), now, state.nextSendAt()));
			return now;
		}
	}

	@Override
	public void recordSuccess(String endpoint) {
		synchronized (this.lock) {
			EndpointState state = this.states.get(endpoint);
			if (state != null && state.failingSince() != null) {
				this.states.put(endpoint, new EndpointState(endpoint, state.disabled(), state.disabledReason(),
						state.disabledAt(), null, state.nextSendAt()));
			}
		}
	}

	@Override
	public @Nullable Instant reserveSend(String endpoint, Instant now, Duration spacing) {
		synchronized (this.lock) {
			EndpointState state = state(endpoint);
			if (state.nextSendAt() != null && state.nextSendAt().isAfter(now)) {
				return state.nextSendAt();
			}
			this.states.put(endpoint, new EndpointState(endpoint, state.disabled(), state.disabledReason(),
					state.disabledAt(), state.failingSince(), now.plus(spacing)));
			return null;
		}
	}

	// an endpoint the store knows nothing of is enabled, not failing and not rate-limited
	private EndpointState state(String endpoint) {
		EndpointState state = this.states.get(endpoint);
		return (state != null) ? state : new EndpointState(endpoint, false, null, null, null, null);
	}

}
