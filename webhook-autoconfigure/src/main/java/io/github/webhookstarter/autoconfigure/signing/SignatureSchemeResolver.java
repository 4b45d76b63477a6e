package io.github.webhookstarter.autoconfigure.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.signing.HmacSignatureScheme;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureSchemes;
import io.github.webhookstarter.signing.SignedContent;

/**
 * Resolves the signature scheme and secrets of a configured source or endpoint, failing with
 * an {@link InvalidWebhookConfigurationException} that says what to set.
 * <p>
 * Public for the inbound and the outbound auto-configurations, whose sources and endpoints
 * both name a scheme and its secrets.
 *
 * @author Webhook Starter team
 */
public final class SignatureSchemeResolver {

	private static final String HMAC = "hmac";

	private final SignatureSchemes signatureSchemes;

	/**
	 * Create a resolver.
	 * @param signatureSchemes the schemes known by name
	 */
	public SignatureSchemeResolver(SignatureSchemes signatureSchemes) {
		this.signatureSchemes = signatureSchemes;
	}

	/**
	 * Resolve a scheme by name; {@code hmac} is built from its properties unless a bean
	 * claims the name.
	 * @param subject what is configured, for messages
	 * @param prefix the property prefix of what is configured
	 * @param signature the scheme name
	 * @param hmac the properties of an {@code hmac} scheme
	 * @param idHeader the header of the webhook id, for {@code {id}} in an {@code hmac} scheme
	 * @return the scheme
	 */
	public SignatureScheme resolve(String subject, String prefix, String signature, HmacSignatureProperties hmac,
			@Nullable String idHeader) {
		if (HMAC.equals(signature) && this.signatureSchemes.get(HMAC) == null) {
			return hmac(subject, prefix, hmac, idHeader);
		}
		SignatureScheme scheme = this.signatureSchemes.get(signature);
		if (scheme == null) {
			throw new InvalidWebhookConfigurationException(subject, "signature '" + signature + "' is not a known scheme",
					"Set '" + prefix + "signature' to one of " + this.signatureSchemes.names() + ", " + HMAC
							+ ", or the name of a SignatureScheme bean.");
		}
		return scheme;
	}

	private SignatureScheme hmac(String subject, String prefix, HmacSignatureProperties hmac, @Nullable String idHeader) {
		try {
			return HmacSignatureScheme.builder()
				.header(hmac.getHeader())
				.algorithm(hmac.getAlgorithm())
				.encoding(hmac.getEncoding())
				.prefix(hmac.getPrefix())
				.signedContent(hmac.getSignedContent())
				.timestampHeader(hmac.getTimestampHeader())
				.idHeader(idHeader)
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookConfigurationException(subject, "signature 'hmac' is misconfigured: " + ex.getMessage(),
					"Set '" + prefix + "hmac.header' to the header that carries the signature, and check '" + prefix
							+ "hmac.algorithm' (HmacSHA1, HmacSHA256 or HmacSHA512), '" + prefix
							+ "hmac.timestamp-header' for {timestamp} and the id header for {id} in '" + prefix
							+ "hmac.signed-content'.");
		}
	}

	/**
	 * Return the configured secrets, failing if there are none or the scheme cannot use one.
	 * @param subject what is configured, for messages
	 * @param prefix the property prefix of what is configured
	 * @param scheme the scheme the secrets are for
	 * @param secret the single secret, or {@code null}
	 * @param secrets the list of secrets
	 * @return the secrets, the single one first
	 */
	public List<Secret> secrets(String subject, String prefix, SignatureScheme scheme, @Nullable String secret,
			List<String> secrets) {
		List<Secret> result = new ArrayList<>();
		if (StringUtils.hasLength(secret)) {
			result.add(Secret.of(secret));
		}
		secrets.stream().filter(StringUtils::hasLength).map(Secret::of).forEach(result::add);
		if (result.isEmpty()) {
			throw new InvalidWebhookConfigurationException(subject,
					"signature '" + scheme.name() + "' is configured without a secret",
					"Set '" + prefix + "secret' (or '" + prefix + "secrets' to use several during a rotation).");
		}
		try {
			// signing once shows a secret the scheme cannot use now rather than at the first webhook
			scheme.sign(new SignedContent("startup-check", Instant.EPOCH, new byte[0]), result);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookConfigurationException(subject,
					"a secret cannot be used with signature '" + scheme.name() + "': " + ex.getMessage(),
					"Correct '" + prefix + "secret' or '" + prefix + "secrets'.");
		}
		return result;
	}

}
