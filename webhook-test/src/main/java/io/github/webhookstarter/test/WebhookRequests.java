package io.github.webhookstarter.test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.util.Assert;

import io.github.webhookstarter.inbound.SignedBytes;
import io.github.webhookstarter.inbound.ValueLocation;
import io.github.webhookstarter.inbound.WebhookSource;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.signing.GitHubSignatureScheme;
import io.github.webhookstarter.signing.HmacSignatureScheme;
import io.github.webhookstarter.signing.PaddleSignatureScheme;
import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.ServoSignatureScheme;
import io.github.webhookstarter.signing.ShopifySignatureScheme;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SlackSignatureScheme;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;
import io.github.webhookstarter.signing.StripeSignatureScheme;

/**
 * Signed webhook requests for tests of an application's webhook listeners, as their senders
 * sign them, to send with MockMvc or over HTTP:
 * <pre class="code">
 * mockMvc.perform(WebhookRequests.github("secret").event("push").json(body).toMockMvc());
 * mockMvc.perform(webhookRequests.source("billing").event("invoice.paid").payload(invoice).toMockMvc());
 * </pre>
 * The static methods sign as a sender of one scheme does. An instance, bound to the
 * application's {@link WebhookSources} (a bean with {@link AutoConfigureWebhookRequests}, or
 * {@link #of(ApplicationContext)}), signs for a configured source by its name, with the
 * source's scheme, secrets, path and event type location.
 *
 * @author Webhook Starter team
 */
public final class WebhookRequests {

	private static final JsonMapper defaultJsonMapper = JsonMapper.builder().build();

	// where the starter reads the event type of a source whose scheme does not say
	private static final ValueLocation DEFAULT_EVENT_TYPE_LOCATION = ValueLocation.parse("json:/type");

	private final WebhookSources sources;

	private final JsonMapper jsonMapper;

	/**
	 * Create an instance for the sources of an application.
	 * @param sources the application's sources
	 * @param jsonMapper the mapper that serializes payloads, as the application's senders would
	 */
	public WebhookRequests(WebhookSources sources, JsonMapper jsonMapper) {
		Assert.notNull(sources, "'sources' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.sources = sources;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Create an instance for the sources of an application context, serializing payloads with
	 * its {@link JsonMapper} if it has one.
	 * @param context the application context, which must have the starter's inbound side
	 * @return the instance
	 */
	public static WebhookRequests of(ApplicationContext context) {
		return new WebhookRequests(context.getBean(WebhookSources.class),
				context.getBeanProvider(JsonMapper.class).getIfUnique(() -> defaultJsonMapper));
	}

	/**
	 * Start a request to a configured source, signed with its scheme and first secrets, sent
	 * to its path, with the event type, id and payload where the source reads them.
	 * @param name the name of the source under {@code webhook.inbound.sources}
	 * @return a builder for the request
	 * @throws IllegalArgumentException if no enabled source has that name
	 */
	public WebhookRequestBuilder source(String name) {
		WebhookSource source = this.sources.getSources()
			.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No enabled webhook source is named '" + name
					+ "'; the sources are " + this.sources.getSources()
						.stream()
						.map(WebhookSource::name)
						.collect(Collectors.joining(", ", "[", "]"))));
		return new WebhookRequestBuilder(source.signatureScheme(), source.secrets(), source.path(),
				source.eventTypeLocation(), source.idLocation(), source.payloadLocation(), source.signedBytes(),
				this.jsonMapper);
	}

	/**
	 * Start a request signed as Standard Webhooks (and Svix) senders sign it: {@code webhook-id},
	 * {@code webhook-timestamp} and {@code webhook-signature}, the payload as the {@code data} of
	 * a {@code {"type", "timestamp", "data"}} envelope.
	 * @param secret the {@code whsec_} secret
	 * @return a builder for the request
	 */
	public static WebhookRequestBuilder standard(String secret) {
		return scheme(new StandardWebhooksSignatureScheme(), secret);
	}

	/**
	 * Start a request signed as GitHub signs it: {@code X-Hub-Signature-256}, with the event
	 * type in {@code X-GitHub-Event} and the id in {@code X-GitHub-Delivery}.
	 * @param secret the secret
	 * @return a builder for the request
	 */
	public static WebhookRequestBuilder github(String secret) {
		return scheme(new GitHubSignatureScheme(), secret);
	}

	/**
	 * Start a request signed as Stripe signs it: {@code Stripe-Signature}, with the event type
	 * and id in the body's {@code type} and {@code id}.
	 * @param secret the endpoint's signing secret
	 * @return a builder for the request
	 */
	public static WebhookRequestBuilder stripe(String secret) {
		return scheme(new StripeSignatureScheme(), secret);
	}

	/**
	 * Start a request signed as Shopify signs it: {@code X-Shopify-Hmac-SHA256}, with the event
	 * type in {@code X-Shopify-Topic} and the id in {@code X-Shopify-Webhook-Id}.
	 * @param secret the secret
	 * @return a builder for the request
	 */
	public static WebhookRequestBuilder shopify(String secret) {
		return scheme(new ShopifySignatureScheme(), secret);
	}

	/**
	 * Start a request signed as Slack signs it: {@code X-Slack-Signature} and
	 * {@code X-Slack-Request-Timestamp}, with the event type in the body's {@code event.type}
	 * and the id in its {@code event_id}.
	 * @param secret the signing secret
	 * @return a builder for the request
	 */
	public static WebhookRequestBuilder slack(String secret) {
		return scheme(new SlackSignatureScheme(), secret);
	}

	/**
	 * Start a request signed as Paddle Billing signs it: {@code Paddle-Signature}, with the
	 * event type and id in the body's {@code event_type} and {@code event_id}.
	 * @param secret the secret key
	 * @return a builder for the request
	 */
	public static WebhookRequestBuilder paddle(String secret) {
		return scheme(new PaddleSignatureScheme(), secret);
	}

	/**
	 * Start a request signed as Opsani's servo-webhooks signs it: {@code X-Servo-Signature},
	 * with the event type in the body's {@code type}, where the starter reads it by default.
	 * @param secret the secret
	 * @return a builder for the request
	 */
	public static WebhookRequestBuilder servo(String secret) {
		return scheme(new ServoSignatureScheme(), secret);
	}

	/**
	 * Start a request signed with a configured HMAC scheme, with the event type in the body's
	 * {@code type}, where the starter reads it by default, and the id in the scheme's id
	 * header, if it has one.
	 * @param scheme the scheme, configured as the source's {@code hmac} properties
	 * @param secret the secret
	 * @return a builder for the request
	 */
	public static WebhookRequestBuilder hmac(HmacSignatureScheme scheme, String secret) {
		return scheme(scheme, secret);
	}

	/**
	 * Start a request signed with any scheme, such as a custom {@link SignatureScheme} bean,
	 * with the event type and id where the scheme puts them (the body's {@code type} if it
	 * does not say) and the payload at its payload location.
	 * @param scheme the scheme
	 * @param secrets the secrets, newest first
	 * @return a builder for the request
	 */
	public static WebhookRequestBuilder scheme(SignatureScheme scheme, String... secrets) {
		Assert.notNull(scheme, "'scheme' must not be null");
		Assert.notEmpty(secrets, "At least one secret is required");
		List<Secret> signingSecrets = Arrays.stream(secrets).map(Secret::of).toList();
		String eventType = scheme.defaultEventTypeLocation();
		String id = scheme.defaultIdLocation();
		String payload = scheme.defaultPayloadLocation();
		JsonPointer payloadPointer = (payload != null) ? ValueLocation.parse(payload).pointer() : null;
		return new WebhookRequestBuilder(scheme, signingSecrets, "/webhooks/" + scheme.name(),
				(eventType != null) ? ValueLocation.parse(eventType) : DEFAULT_EVENT_TYPE_LOCATION,
				(id != null) ? ValueLocation.parse(id) : null,
				(payloadPointer != null) ? payloadPointer : JsonPointer.empty(),
				SignedBytes.DECODED, defaultJsonMapper);
	}

}
