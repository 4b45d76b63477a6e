package io.github.webhookstarter.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;

import org.springframework.http.MediaType;

import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;

/**
 * A source of webhooks, resolved from its configuration: where it answers and how its calls
 * are verified, read and dispatched.
 * <p>
 * Not API: public for the auto-configuration and the test module ({@code webhook-spring-boot-test}),
 * which read requests as the endpoint does; applications do not use it.
 *
 * @param name the source name
 * @param path the request path the source answers at
 * @param signatureScheme the scheme that verifies signatures, or {@code null} for none
 * @param secrets the secrets of the signature, empty without a scheme
 * @param tolerance the tolerance of signed timestamps
 * @param signedBytes which bytes the signature covers
 * @param extraContentTypes media types accepted besides JSON
 * @param eventTypeLocation where the event type is
 * @param idLocation where the webhook id is, or {@code null} if calls carry none
 * @param payloadLocation where the payload is in the body, empty for the whole body
 * @param storedHeaders the headers stored with a call, lower case
 * @param authenticator the authenticator, or {@code null} for none
 * @param mode how calls are dispatched
 *
 * @author Webhook Starter team
 */
public record WebhookSource(String name, String path, @Nullable SignatureScheme signatureScheme, List<Secret> secrets,
		Duration tolerance, SignedBytes signedBytes, List<MediaType> extraContentTypes, ValueLocation eventTypeLocation,
		@Nullable ValueLocation idLocation, JsonPointer payloadLocation, Set<String> storedHeaders,
		@Nullable WebhookAuthenticator authenticator, InboundMode mode) {

	/**
	 * Return whether the source accepts calls of the given content type: JSON, any
	 * {@code +json} type, or one of its extra types.
	 * @param contentType the content type of a call
	 * @return whether it is accepted
	 */
	boolean accepts(MediaType contentType) {
		if (MediaType.APPLICATION_JSON.isCompatibleWith(contentType) && !contentType.isWildcardType()
				&& !contentType.isWildcardSubtype()) {
			return true;
		}
		if ("json".equals(contentType.getSubtypeSuffix())) {
			return true;
		}
		return this.extraContentTypes.stream().anyMatch((type) -> type.includes(contentType));
	}

	/**
	 * Return whether a header of a call is stored with it.
	 * @param lowerCaseName the name of the header, in lower case
	 * @return whether it is stored
	 */
	boolean storesHeader(String lowerCaseName) {
		return this.storedHeaders.contains(lowerCaseName);
	}

	@Override
	public String toString() {
		return "WebhookSource{name='" + this.name + "', path='" + this.path + "', signature="
				+ ((this.signatureScheme != null) ? this.signatureScheme.name() : "none") + "}";
	}

}
