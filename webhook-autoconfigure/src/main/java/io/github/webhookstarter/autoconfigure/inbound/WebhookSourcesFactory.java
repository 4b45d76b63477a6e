package io.github.webhookstarter.autoconfigure.inbound;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.BeansException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.lang.Contract;
import org.springframework.util.StringUtils;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.autoconfigure.signing.SignatureSchemeResolver;
import io.github.webhookstarter.inbound.InboundMode;
import io.github.webhookstarter.inbound.ValueLocation;
import io.github.webhookstarter.inbound.WebhookAuthenticator;
import io.github.webhookstarter.inbound.WebhookSource;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureSchemes;

/**
 * Resolves the configured sources into {@link WebhookSources}, failing with an
 * {@link InvalidWebhookConfigurationException} that says what to set when a source cannot work.
 *
 * @author Webhook Starter team
 */
final class WebhookSourcesFactory {

	private static final String DEFAULT_EVENT_TYPE_LOCATION = "json:/type";

	private static final String WHOLE_BODY = "body";

	private static final String JSON_PREFIX = "json:";

	// what listeners of any source may want to know about the body
	private static final Set<String> ALWAYS_STORED_HEADERS = Set.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.USER_AGENT);

	private static final Set<String> CREDENTIAL_HEADERS = Set.of(HttpHeaders.AUTHORIZATION,
			HttpHeaders.PROXY_AUTHORIZATION, HttpHeaders.COOKIE);

	private final WebhookInboundProperties properties;

	private final SignatureSchemeResolver schemeResolver;

	private final BeanFactory beanFactory;

	WebhookSourcesFactory(WebhookInboundProperties properties, SignatureSchemes signatureSchemes,
			BeanFactory beanFactory) {
		this.properties = properties;
		this.schemeResolver = new SignatureSchemeResolver(signatureSchemes);
		this.beanFactory = beanFactory;
	}

	WebhookSources create() {
		List<WebhookSource> sources = new ArrayList<>();
		for (Map.Entry<String, WebhookSourceProperties> entry : this.properties.getSources().entrySet()) {
			if (entry.getValue().isEnabled()) {
				sources.add(create(entry.getKey(), entry.getValue()));
			}
		}
		try {
			return new WebhookSources(this.properties.getPath(), sources);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookConfigurationException("Webhook sources", ex.getMessage(),
					"Set a distinct 'path' for each source under 'webhook.inbound.sources'.");
		}
	}

	private WebhookSource create(String name, WebhookSourceProperties source) {
		String prefix = "webhook.inbound.sources." + name + ".";
		SignatureScheme scheme = StringUtils.hasText(source.getSignature())
				? this.schemeResolver.resolve(subject(name), prefix, source.getSignature(), source.getHmac(),
						idHeader(source.getId()))
				: null;
		List<Secret> secrets = (scheme != null)
				? this.schemeResolver.secrets(subject(name), prefix, scheme, source.getSecret(), source.getSecrets())
				: List.of();
		WebhookAuthenticator authenticator = authenticator(name, source, prefix);
		if (scheme == null && authenticator == null && !source.isAllowUnauthenticated()) {
			throw new InvalidWebhookConfigurationException(subject(name), "it has neither a signature nor an authenticator, so anyone "
					+ "could send it webhooks",
					"Set '" + prefix + "signature' and '" + prefix + "secret', or '" + prefix
							+ "authenticator' to the name of a WebhookAuthenticator bean, or set '" + prefix
							+ "allow-unauthenticated' to true to accept unauthenticated webhooks.");
		}
		ValueLocation eventType = location(name, prefix + "event-type", firstNonNull(source.getEventType(),
				(scheme != null) ? scheme.defaultEventTypeLocation() : null, DEFAULT_EVENT_TYPE_LOCATION));
		String id = firstNonNull(source.getId(), (scheme != null) ? scheme.defaultIdLocation() : null, null);
		ValueLocation idLocation = (id != null) ? location(name, prefix + "id", id) : null;
		JsonPointer payload = payload(name, prefix + "payload", firstNonNull(source.getPayload(),
				(scheme != null) ? scheme.defaultPayloadLocation() : null, WHOLE_BODY));
		InboundMode mode = (source.getMode() != null) ? source.getMode() : this.properties.getMode();
		return new WebhookSource(name, path(name, source), scheme, secrets, source.getTolerance(),
				source.getSignedBytes(), contentTypes(name, source, prefix), eventType, idLocation, payload,
				storedHeaders(source, scheme, authenticator, eventType, idLocation), authenticator, mode);
	}

	private static Set<String> storedHeaders(WebhookSourceProperties source, @Nullable SignatureScheme scheme,
			@Nullable WebhookAuthenticator authenticator, ValueLocation eventType, @Nullable ValueLocation id) {
		Set<String> stored = new HashSet<>();
		ALWAYS_STORED_HEADERS.forEach((header) -> stored.add(lowerCase(header)));
		if (scheme != null) {
			scheme.storedHeaders().forEach((header) -> stored.add(lowerCase(header)));
		}
		Stream.of(eventType, id)
			.filter(Objects::nonNull)
			.flatMap((location) -> location.headerNames().stream())
			.forEach((header) -> stored.add(lowerCase(header)));
		source.getStoredHeaders().forEach((header) -> stored.add(lowerCase(header.trim())));
		CREDENTIAL_HEADERS.forEach((header) -> stored.remove(lowerCase(header)));
		if (authenticator != null) {
			authenticator.credentialHeaders().forEach((header) -> stored.remove(lowerCase(header)));
		}
		return Set.copyOf(stored);
	}

	private static String lowerCase(String header) {
		return header.toLowerCase(Locale.ROOT);
	}

	private static JsonPointer payload(String name, String property, String location) {
		String trimmed = location.trim();
		if (trimmed.equalsIgnoreCase(WHOLE_BODY)) {
			return JsonPointer.empty();
		}
		if (trimmed.regionMatches(true, 0, JSON_PREFIX, 0, JSON_PREFIX.length())) {
			String pointer = trimmed.substring(JSON_PREFIX.length()).trim();
			if (pointer.startsWith("/")) {
				return JsonPointer.compile(pointer);
			}
		}
		throw new InvalidWebhookConfigurationException(subject(name),
				"payload location '" + location + "' is neither a JSON pointer nor the body",
				"Set '" + property + "' to 'json:/pointer' (such as json:/data) or to 'body' for the whole body.");
	}

	private String path(String name, WebhookSourceProperties source) {
		if (source.getPath() != null) {
			return source.getPath();
		}
		String base = this.properties.getPath();
		return (base.endsWith("/") ? base : base + "/") + name;
	}

	private @Nullable WebhookAuthenticator authenticator(String name, WebhookSourceProperties source,
			String prefix) {
		String beanName = source.getAuthenticator();
		if (!StringUtils.hasText(beanName)) {
			return null;
		}
		try {
			return this.beanFactory.getBean(beanName, WebhookAuthenticator.class);
		}
		catch (BeansException ex) {
			throw new InvalidWebhookConfigurationException(subject(name),
					"authenticator '" + beanName + "' is not a WebhookAuthenticator bean (" + ex.getMessage() + ")",
					"Define a bean of type WebhookAuthenticator named '" + beanName + "', or correct '" + prefix
							+ "authenticator'.");
		}
	}

	private static List<MediaType> contentTypes(String name, WebhookSourceProperties source, String prefix) {
		try {
			return source.getContentTypes().stream().map(MediaType::parseMediaType).toList();
		}
		catch (InvalidMediaTypeException ex) {
			throw new InvalidWebhookConfigurationException(subject(name), "content type '" + ex.getMediaType() + "' is not valid",
					"Set '" + prefix + "content-types' to media types such as text/plain.");
		}
	}

	private static ValueLocation location(String name, String property, String location) {
		try {
			return ValueLocation.parse(location);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidWebhookConfigurationException(subject(name), ex.getMessage(),
					"Set '" + property + "' to 'header:NAME', 'json:/pointer' or 'path'.");
		}
	}

	@Contract("_, _, !null -> !null")
	private static @Nullable String firstNonNull(@Nullable String first, @Nullable String second,
			@Nullable String third) {
		return (first != null) ? first : (second != null) ? second : third;
	}

	private static @Nullable String idHeader(@Nullable String id) {
		return (id != null && id.regionMatches(true, 0, "header:", 0, 7)) ? id.substring(7).trim() : null;
	}

	private static String subject(String name) {
		return "Webhook source '" + name + "'";
	}

}
