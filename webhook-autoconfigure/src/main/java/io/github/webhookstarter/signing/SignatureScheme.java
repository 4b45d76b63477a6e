package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * A way of signing a webhook with a shared secret, used both to sign outbound webhooks and to
 * verify inbound ones. Implementations work on the exact bytes sent or received, never on
 * re-serialized JSON, and compare signatures in constant time.
 * <p>
 * A bean of this type is a custom scheme: a source or endpoint selects it by its {@link #name()}.
 *
 * @author Webhook Starter team
 */
public interface SignatureScheme {

	/**
	 * Return the name that selects this scheme in configuration, such as {@code github}.
	 * @return the scheme name
	 */
	String name();

	/**
	 * Sign content and return the headers that carry the signature. Schemes that can carry
	 * several signatures sign with every secret (rotation); the others sign with the first.
	 * @param content the id, timestamp and exact body bytes to sign
	 * @param secrets the secrets to sign with, newest first, never empty
	 * @return the headers to add to the request
	 */
	HttpHeaders sign(SignedContent content, List<Secret> secrets);

	/**
	 * Verify the signature of a received webhook.
	 * @param headers the request headers
	 * @param body the exact body bytes the signature covers
	 * @param secrets the secrets any of which may have signed the request, never empty
	 * @param now the current time
	 * @param tolerance how far the signed timestamp may be from {@code now}, in either
	 * direction, for schemes that sign a timestamp
	 * @return the outcome of the verification
	 */
	SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
			Duration tolerance);

	/**
	 * Return where this scheme's senders put the unique id of a webhook, as a location such as
	 * {@code header:webhook-id} or {@code json:/id}.
	 * @return the default id location, or {@code null} if the scheme has none
	 */
	default @Nullable String defaultIdLocation() {
		return null;
	}

	/**
	 * Return where this scheme's senders put the event type, as a location such as
	 * {@code header:X-GitHub-Event} or {@code json:/type}.
	 * @return the default event type location, or {@code null} if the scheme has none
	 */
	default @Nullable String defaultEventTypeLocation() {
		return null;
	}

	/**
	 * Return where this scheme's senders put the payload in the body, as a location such as
	 * {@code json:/data} for a body that is an envelope around it.
	 * @return the default payload location, or {@code null} if the payload is the whole body
	 */
	default @Nullable String defaultPayloadLocation() {
		return null;
	}

	/**
	 * Return the headers of this scheme's senders that listeners may need and that are stored
	 * with a received call, besides the headers of its id and event type, such as
	 * {@code X-GitHub-Hook-ID}. Signature headers are not among them.
	 * @return the names of the headers to store
	 */
	default Set<String> storedHeaders() {
		return Set.of();
	}

}
