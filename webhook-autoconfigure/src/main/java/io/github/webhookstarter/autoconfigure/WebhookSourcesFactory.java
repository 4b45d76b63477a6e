package io.github.webhookstarter.autoconfigure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.BeansException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;

import io.github.webhookstarter.inbound.InboundMode;
import io.github.webhookstarter.inbound.ValueLocation;
import io.github.webhookstarter.inbound.WebhookAuthenticator;
import io.github.webhookstarter.inbound.WebhookSource;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.signing.HmacSignatureScheme;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureSchemes;
import io.github.webhookstarter.signing.SignedContent;

/**
 * Resolves the configured sources into {@link WebhookSources}, failing with an
 * {@link InvalidWebhookSourceException} that says what to set when a source cannot work.
 *
 * @author Webhook Starter team
 */
final class WebhookSourcesFactory {

	private static final String HMAC = "hmac";

	private static final String DEFAULT_EVENT_TYPE_LOCATION = "json:/type";

	private final WebhookProperties.Inbound properties;

	private final SignatureSchemes signatureSchemes;

	private final BeanFactory beanFactory;

	WebhookSourcesFactory(WebhookProperties.Inbound properties, SignatureSchemes signatureSchemes,
			BeanFactory beanFactory) {
		this.properties = properties;
		this.signatureSchemes = signatureSchemes;
		this.beanFactory = beanFactory;
	}

	WebhookSources create() {
		List<WebhookSource> sources = new ArrayList<>();
		for (Map.Entry<String, WebhookProperties.Source> entry : this.properties.getSources().entrySet()) {
			if (entry.getValue().isEnabled()) {
				sources.add(create(entry.getKey(), entry.getValue()));
			}
		}
		try {
			return new WebhookSources(this.properties.getPath(), sources);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookSourceException(sources.get(0).name(), ex.getMessage(),
					"Set a distinct 'path' for each source under 'webhook.inbound.sources'.");
		}
	}

	private WebhookSource create(String name, WebhookProperties.Source source) {
		String prefix = "webhook.inbound.sources." + name + ".";
		SignatureScheme scheme = signatureScheme(name, source, prefix);
		List<Secret> secrets = secrets(source);
		if (scheme != null && secrets.isEmpty()) {
			throw new InvalidWebhookSourceException(name,
					"signature '" + source.getSignature() + "' is configured without a secret",
					"Set '" + prefix + "secret' (or '" + prefix + "secrets' to accept several during a rotation).");
		}
		if (scheme != null) {
			checkSecrets(name, scheme, secrets, prefix);
		}
		WebhookAuthenticator authenticator = authenticator(name, source, prefix);
		if (scheme == null && authenticator == null && !source.isAllowUnauthenticated()) {
			throw new InvalidWebhookSourceException(name, "it has neither a signature nor an authenticator, so anyone "
					+ "could send it webhooks",
					"Set '" + prefix + "signature' and '" + prefix + "secret', or '" + prefix
							+ "authenticator' to the name of a WebhookAuthenticator bean, or set '" + prefix
							+ "allow-unauthenticated' to true to accept unauthenticated webhooks.");
		}
		ValueLocation eventType = location(name, prefix + "event-type", firstNonNull(source.getEventType(),
				(scheme != null) ? scheme.defaultEventTypeLocation() : null, DEFAULT_EVENT_TYPE_LOCATION));
		String id = firstNonNull(source.getId(), (scheme != null) ? scheme.defaultIdLocation() : null, null);
		InboundMode mode = (source.getMode() != null) ? source.getMode() : this.properties.getMode();
		return new WebhookSource(name, path(name, source), scheme, secrets, source.getTolerance(),
				source.getSignedBytes(), contentTypes(name, source, prefix), eventType,
				(id != null) ? location(name, prefix + "id", id) : null, authenticator, mode);
	}

	private String path(String name, WebhookProperties.Source source) {
		if (source.getPath() != null) {
			return source.getPath();
		}
		String base = this.properties.getPath();
		return (base.endsWith("/") ? base : base + "/") + name;
	}

	private @Nullable SignatureScheme signatureScheme(String name, WebhookProperties.Source source, String prefix) {
		String signature = source.getSignature();
		if (!StringUtils.hasText(signature)) {
			return null;
		}
		if (HMAC.equals(signature) && this.signatureSchemes.get(HMAC) == null) {
			return hmacSignatureScheme(name, source, prefix);
		}
		SignatureScheme scheme = this.signatureSchemes.get(signature);
		if (scheme == null) {
			throw new InvalidWebhookSourceException(name, "signature '" + signature + "' is not a known scheme",
					"Set '" + prefix + "signature' to one of " + this.signatureSchemes.names() + ", " + HMAC
							+ ", or the name of a SignatureScheme bean.");
		}
		return scheme;
	}

	private SignatureScheme hmacSignatureScheme(String name, WebhookProperties.Source source, String prefix) {
		WebhookProperties.Hmac hmac = source.getHmac();
		String id = source.getId();
		String idHeader = (id != null && id.regionMatches(true, 0, "header:", 0, 7)) ? id.substring(7).trim() : null;
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
			throw new InvalidWebhookSourceException(name, "signature 'hmac' is misconfigured: " + ex.getMessage(),
					"Set '" + prefix + "hmac.header' to the header that carries the signature, and check '" + prefix
							+ "hmac.algorithm' (HmacSHA1, HmacSHA256 or HmacSHA512), '" + prefix
							+ "hmac.timestamp-header' for {timestamp} and '" + prefix
							+ "id' (header:NAME) for {id} in '" + prefix + "hmac.signed-content'.");
		}
	}

	private static void checkSecrets(String name, SignatureScheme scheme, List<Secret> secrets, String prefix) {
		try {
			// signing once shows a secret the scheme cannot use now rather than at the first webhook
			scheme.sign(new SignedContent("startup-check", Instant.EPOCH, new byte[0]), secrets);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookSourceException(name, "a secret cannot be used with signature '" + scheme.name()
					+ "': " + ex.getMessage(), "Correct '" + prefix + "secret' or '" + prefix + "secrets'.");
		}
	}

	private static List<Secret> secrets(WebhookProperties.Source source) {
		List<Secret> secrets = new ArrayList<>();
		if (StringUtils.hasLength(source.getSecret())) {
			secrets.add(Secret.of(source.getSecret()));
		}
		source.getSecrets().stream().filter(StringUtils::hasLength).map(Secret::of).forEach(secrets::add);
		return secrets;
	}

	private @Nullable WebhookAuthenticator authenticator(String name, WebhookProperties.Source source,
			String prefix) {
		String beanName = source.getAuthenticator();
		if (!StringUtils.hasText(beanName)) {
			return null;
		}
		try {
			return this.beanFactory.getBean(beanName, WebhookAuthenticator.class);
		}
		catch (BeansException ex) {
			throw new InvalidWebhookSourceException(name,
					"authenticator '" + beanName + "' is not a WebhookAuthenticator bean (" + ex.getMessage() + ")",
					"Define a bean of type WebhookAuthenticator named '" + beanName + "', or correct '" + prefix
							+ "authenticator'.");
		}
	}

	private static List<MediaType> contentTypes(String name, WebhookProperties.Source source, String prefix) {
		try {
			return source.getContentTypes().stream().map(MediaType::parseMediaType).toList();
		}
		catch (InvalidMediaTypeException ex) {
			throw new InvalidWebhookSourceException(name, "content type '" + ex.getMediaType() + "' is not valid",
					"Set '" + prefix + "content-types' to media types such as text/plain.");
		}
	}

	private static ValueLocation location(String name, String property, String location) {
		try {
			return ValueLocation.parse(location);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookSourceException(name, ex.getMessage(),
					"Set '" + property + "' to 'header:NAME', 'json:/pointer' or 'path'.");
		}
	}

	private static @Nullable String firstNonNull(@Nullable String first, @Nullable String second,
			@Nullable String third) {
		return (first != null) ? first : (second != null) ? second : third;
	}

}
