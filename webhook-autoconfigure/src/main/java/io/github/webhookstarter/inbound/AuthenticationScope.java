package io.github.webhookstarter.inbound;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Makes an authentication the security context of the current thread until closed, then
 * restores what was there before.
 *
 * @author Webhook Starter team
 */
final class AuthenticationScope implements AutoCloseable {

	private static final AuthenticationScope NONE = new AuthenticationScope(null);

	private final @Nullable SecurityContext previous;

	private AuthenticationScope(@Nullable SecurityContext previous) {
		this.previous = previous;
	}

	static AuthenticationScope of(@Nullable Authentication authentication) {
		if (authentication == null) {
			return NONE;
		}
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		return new AuthenticationScope(previous);
	}

	@Override
	public void close() {
		// null for NONE only: the holder's context is never null
		if (this.previous != null) {
			SecurityContextHolder.setContext(this.previous);
		}
	}

}
