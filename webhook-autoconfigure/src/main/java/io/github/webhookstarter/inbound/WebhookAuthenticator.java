package io.github.webhookstarter.inbound;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

/**
 * Authenticates the calls to a webhook source, after their signature, if any, was verified.
 * A source selects an authenticator by its bean name ({@code webhook.inbound.sources.*.authenticator}).
 * <ul>
 * <li>{@code null}: the call is accepted, anonymously;</li>
 * <li>an {@linkplain Authentication#isAuthenticated() authenticated} {@link Authentication}:
 * the call is accepted and, in {@linkplain InboundMode#SYNC synchronous} mode, the
 * authentication is the security context while its listeners run; it is not stored with the
 * call, so listeners of a call dispatched from the store (asynchronous mode, retries, replays)
 * run without it;</li>
 * <li>an unauthenticated {@link Authentication}: the call is answered {@code 403 Forbidden};</li>
 * <li>a {@link ResponseStatusException} or {@link ErrorResponseException}: the call is answered
 * with its status and detail;</li>
 * <li>any other exception: the call is answered {@code 500}, without detail, and the exception
 * is logged.</li>
 * </ul>
 *
 * @author Webhook Starter team
 */
@FunctionalInterface
public interface WebhookAuthenticator {

	/**
	 * Authenticate a received webhook.
	 * @param request the received webhook
	 * @return the authentication of the sender, or {@code null} to accept it anonymously
	 * @throws Exception to refuse the call
	 */
	@Nullable Authentication authenticate(WebhookRequest request) throws Exception;

	/**
	 * Return the headers that carry the sender's credentials, which are never stored with a
	 * call, even when a source lists them in its {@code stored-headers}.
	 * @return the names of the credential headers, such as {@code X-Api-Key}
	 */
	default Set<String> credentialHeaders() {
		return Set.of();
	}

}
