package io.github.webhookstarter.actuate;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.webhookstarter.core.internal.MaskedUrls;
import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.inbound.InboundCallStatus;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundWorker;
import io.github.webhookstarter.inbound.StoredInboundCall;
import io.github.webhookstarter.inbound.WebhookSource;
import io.github.webhookstarter.inbound.WebhookSources;
import io.github.webhookstarter.outbound.Delivery;
import io.github.webhookstarter.outbound.DeliveryAttempt;
import io.github.webhookstarter.outbound.DeliveryDispatcher;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.EndpointState;
import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that shows the webhook endpoints, the backlog and the inbound
 * sources, lists the latest deliveries and inbound calls, and that operates on them:
 * disable, enable or recover an endpoint, retry a delivery, replay an inbound call. Secrets
 * are never shown, nor the user info and query of an endpoint's URL.
 * <p>
 * Operations, on the web at {@code /actuator/webhooks}:
 * <ul>
 * <li>{@code GET /} the endpoints, the backlog and the sources;</li>
 * <li>{@code GET /deliveries} the latest deliveries, optionally of a {@code status} and to
 * an {@code endpoint}, at most {@code limit} (50 unless given, 500 at most);</li>
 * <li>{@code GET /inbound} the latest inbound calls, optionally of a {@code status} and
 * from a {@code source}, at most {@code limit}, without their bodies and headers;</li>
 * <li>{@code GET /deliveries/{id}} a delivery with its attempts;</li>
 * <li>{@code POST /endpoints/{name}/disable} (optional {@code reason}),
 * {@code POST /endpoints/{name}/enable} and {@code POST /endpoints/{name}/recover}
 * ({@code since}, an ISO-8601 time);</li>
 * <li>{@code POST /deliveries/{id}/retry};</li>
 * <li>{@code POST /inbound/{id}/replay};</li>
 * <li>{@code GET /events} the outbound event types, {@code GET /events/{type}/schema} the
 * JSON Schema of an event's payload, {@code GET /openapi} an OpenAPI 3.1 document of every
 * event, {@code POST /events/{type}/trigger} (optional {@code data} and {@code endpoint})
 * an event triggered by hand: see {@link WebhookEventOperations}.</li>
 * </ul>
 * An operation on an unknown endpoint, delivery, call or event type answers {@code null} (404
 * on the web).
 *
 * @author Webhook Starter team
 */
@Endpoint(id = "webhooks")
public class WebhooksEndpoint {

	/** Items listed when no limit is given. */
	static final int DEFAULT_LIMIT = 50;

	/** Items listed at most, whatever the limit given. */
	static final int MAX_LIMIT = 500;

	/**
	 * The most dynamic subscriptions shown: there may be many thousands.
	 */
	static final int MAX_SUBSCRIPTIONS_SHOWN = 100;

	private static final String DEFAULT_DISABLED_REASON = "disabled through the actuator";

	private final DeliveryStore deliveryStore;

	private final @Nullable WebhookEndpoints endpoints;

	private final @Nullable EndpointStateStore stateStore;

	private final @Nullable DeliveryDispatcher dispatcher;

	private final @Nullable WebhookSources sources;

	private final @Nullable InboundStore inboundStore;

	private final @Nullable InboundWorker inboundWorker;

	private final Clock clock;

	private final @Nullable WebhookEventOperations eventOperations;

	/**
	 * Create an endpoint.
	 * @param deliveryStore the store of deliveries
	 * @param endpoints the outbound endpoints, or {@code null} if the outbound side is off
	 * @param stateStore the store of the endpoints' runtime state, or {@code null}
	 * @param dispatcher the dispatcher woken up after a retry or recovery, or {@code null}
	 * @param sources the inbound sources, or {@code null} if the inbound side is off
	 * @param inboundStore the store of inbound calls, or {@code null}
	 * @param inboundWorker the worker that replays inbound calls, or {@code null}
	 * @param clock the clock
	 */
	public WebhooksEndpoint(DeliveryStore deliveryStore, @Nullable WebhookEndpoints endpoints,
			@Nullable EndpointStateStore stateStore, @Nullable DeliveryDispatcher dispatcher,
			@Nullable WebhookSources sources, @Nullable InboundStore inboundStore,
			@Nullable InboundWorker inboundWorker, Clock clock) {
		this(deliveryStore, endpoints, stateStore, dispatcher, sources, inboundStore, inboundWorker, clock, null);
	}

	/**
	 * Create an endpoint that also operates on outbound event types.
	 * @param deliveryStore the store of deliveries
	 * @param endpoints the outbound endpoints, or {@code null} if the outbound side is off
	 * @param stateStore the store of the endpoints' runtime state, or {@code null}
	 * @param dispatcher the dispatcher woken up after a retry or recovery, or {@code null}
	 * @param sources the inbound sources, or {@code null} if the inbound side is off
	 * @param inboundStore the store of inbound calls, or {@code null}
	 * @param inboundWorker the worker that replays inbound calls, or {@code null}
	 * @param clock the clock
	 * @param eventOperations the operations on event types, or {@code null} if the outbound
	 * side is off
	 */
	public WebhooksEndpoint(DeliveryStore deliveryStore, @Nullable WebhookEndpoints endpoints,
			@Nullable EndpointStateStore stateStore, @Nullable DeliveryDispatcher dispatcher,
			@Nullable WebhookSources sources, @Nullable InboundStore inboundStore,
			@Nullable InboundWorker inboundWorker, Clock clock, @Nullable WebhookEventOperations eventOperations) {
		this.deliveryStore = deliveryStore;
		this.endpoints = endpoints;
		this.stateStore = stateStore;
		this.dispatcher = dispatcher;
		this.sources = sources;
		this.inboundStore = inboundStore;
		this.inboundWorker = inboundWorker;
		this.clock = clock;
		this.eventOperations = eventOperations;
	}

	/**
	 * Describe the configured endpoints, the dynamic subscriptions (at most
	 * {@value #MAX_SUBSCRIPTIONS_SHOWN} of them), the backlog and the sources.
	 * @return the description
	 */
	@ReadOperation
	public WebhooksDescriptor webhooks() {
		WebhookEndpoints endpoints = this.endpoints;
		List<EndpointDescriptor> endpointDescriptors = (endpoints != null) ? endpoints.getConfiguredEndpoints()
			.stream()
			.map((endpoint) -> describe(endpoint, endpoints))
			.toList() : List.of();
		SubscriptionsDescriptor subscriptions = null;
		if (endpoints != null && !endpoints.getDynamicEndpoints().isEmpty()) {
			Collection<WebhookEndpoint> dynamic = endpoints.getDynamicEndpoints();
			subscriptions = new SubscriptionsDescriptor(dynamic.size(), dynamic.stream()
				.limit(MAX_SUBSCRIPTIONS_SHOWN)
				.map((endpoint) -> describe(endpoint, endpoints))
				.toList());
		}
		WebhookSources sources = this.sources;
		List<SourceDescriptor> sourceDescriptors = (sources != null)
				? sources.getSources().stream().map(WebhooksEndpoint::describe).toList() : List.of();
		return new WebhooksDescriptor(endpointDescriptors, subscriptions, this.deliveryStore.countUnfinished(),
				sourceDescriptors);
	}

	/**
	 * Describe an item: {@code deliveries/{id}} a delivery with its attempts.
	 * @param kind the kind of item, {@code deliveries}
	 * @param id its id
	 * @return the description, or {@code null} if there is no such item
	 */
	@ReadOperation
	public @Nullable DeliveryDescriptor item(@Selector String kind, @Selector String id) {
		if (!"deliveries".equals(kind)) {
			return null;
		}
		return this.deliveryStore.findDelivery(id)
			.map((delivery) -> new DeliveryDescriptor(withoutUserInfo(delivery),
					this.deliveryStore.findAttempts(id).stream().map(WebhooksEndpoint::withoutUserInfo).toList()))
			.orElse(null);
	}

	/**
	 * List items: the latest {@code deliveries} or {@code inbound} calls, newest first, the
	 * outbound {@code events} types, or an {@code openapi} document of them.
	 * @param kind the kind of items: {@code deliveries}, {@code inbound}, {@code events} or
	 * {@code openapi}
	 * @param status the status of the items to list, or {@code null} for any
	 * @param endpoint the name of the endpoint of the deliveries to list, or {@code null} for
	 * any
	 * @param source the name of the source of the calls to list, or {@code null} for any
	 * @param limit the maximum number of items to list, {@value #DEFAULT_LIMIT} if
	 * {@code null}, at most {@value #MAX_LIMIT}
	 * @return the items, or {@code null} if there is no such kind
	 */
	@ReadOperation
	public @Nullable Object list(@Selector String kind, @Nullable String status, @Nullable String endpoint,
			@Nullable String source, @Nullable Integer limit) {
		WebhookEventOperations events = this.eventOperations;
		return switch (kind) {
			case "deliveries" -> listDeliveries(status, endpoint, limit);
			case "inbound" -> listInboundCalls(status, source, limit);
			case "events" -> (events != null) ? events.events() : null;
			case "openapi" -> (events != null) ? events.openApi() : null;
			default -> null;
		};
	}

	private DeliveriesDescriptor listDeliveries(@Nullable String status, @Nullable String endpoint,
			@Nullable Integer limit) {
		DeliveryStatus deliveryStatus = parseStatus(status, DeliveryStatus.class);
		return new DeliveriesDescriptor(this.deliveryStore.findDeliveries(deliveryStatus, endpoint, checkLimit(limit))
			.stream()
			.map(WebhooksEndpoint::withoutUserInfo)
			.toList());
	}

	private @Nullable InboundCallsDescriptor listInboundCalls(@Nullable String status, @Nullable String source,
			@Nullable Integer limit) {
		InboundStore store = this.inboundStore;
		if (store == null) {
			return null;
		}
		InboundCallStatus callStatus = parseStatus(status, InboundCallStatus.class);
		return new InboundCallsDescriptor(
				store.findCalls(callStatus, source, checkLimit(limit)).stream().map(InboundCallDescriptor::of).toList());
	}

	private static <E extends Enum<E>> @Nullable E parseStatus(@Nullable String status, Class<E> type) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			String valid = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
			String message = "Unknown status '" + status + "': expected one of " + valid;
			throw new InvalidEndpointRequestException(message, message);
		}
	}

	private static int checkLimit(@Nullable Integer limit) {
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		if (limit < 1) {
			String message = "'limit' must be positive, at most " + MAX_LIMIT;
			throw new InvalidEndpointRequestException(message, message);
		}
		return Math.min(limit, MAX_LIMIT);
	}

	private static Delivery withoutUserInfo(Delivery delivery) {
		return new Delivery(delivery.id(), delivery.messageId(), delivery.endpoint(), delivery.status(),
				delivery.attempts(), delivery.dueAt(), delivery.createdAt(), MaskedUrls.maskUserInfo(delivery.lastError()));
	}

	private static DeliveryAttempt withoutUserInfo(DeliveryAttempt attempt) {
		return new DeliveryAttempt(attempt.deliveryId(), attempt.number(), attempt.startedAt(), attempt.duration(),
				attempt.statusCode(), attempt.responseExcerpt(), MaskedUrls.maskUserInfo(attempt.error()));
	}

	/**
	 * Operate on an item, without the parameters of a triggered event.
	 * @param kind the kind of item: {@code endpoints}, {@code deliveries} or {@code inbound}
	 * @param id the name of the endpoint or the id of the delivery or call
	 * @param action {@code disable}, {@code enable} or {@code recover} an endpoint,
	 * {@code retry} a delivery, {@code replay} a call
	 * @param reason why an endpoint is disabled
	 * @param since the creation time, ISO-8601, of the earliest failed delivery to recover
	 * @return the result, or {@code null} if there is no such item or action
	 */
	public @Nullable Object operate(String kind, String id, String action, @Nullable String reason,
			@Nullable String since) {
		return operate(kind, id, action, reason, since, null, null);
	}

	/**
	 * Operate on an item.
	 * @param kind the kind of item: {@code endpoints}, {@code deliveries},
	 * {@code inbound} or {@code events}
	 * @param id the name of the endpoint, the id of the delivery or call or the event type
	 * @param action {@code disable}, {@code enable} or {@code recover} an endpoint,
	 * {@code retry} a delivery, {@code replay} a call, {@code trigger} an event
	 * @param reason why an endpoint is disabled
	 * @param since the creation time, ISO-8601, of the earliest failed delivery to recover
	 * @param data the payload of a triggered event as JSON, or {@code null} for an example
	 * @param endpoint the one endpoint a triggered event is sent to, or {@code null} for
	 * every endpoint that subscribes to it
	 * @return the result, or {@code null} if there is no such item or action
	 */
	@WriteOperation
	public @Nullable Object operate(@Selector String kind, @Selector String id, @Selector String action,
			@Nullable String reason, @Nullable String since, @Nullable String data,
			@Nullable String endpoint) {
		return switch (kind) {
			case "endpoints" -> operateOnEndpoint(id, action, reason, since);
			case "events" -> "trigger".equals(action) ? trigger(id, data, endpoint) : null;
			case "deliveries" -> "retry".equals(action) ? retry(id) : null;
			case "inbound" -> "replay".equals(action) ? replay(id) : null;
			default -> null;
		};
	}

	/**
	 * Describe an aspect of an item: {@code events/{type}/schema} the JSON Schema of the
	 * payload of an event type.
	 * @param kind the kind of item, {@code events}
	 * @param id the event type
	 * @param aspect the aspect, {@code schema}
	 * @return the description, or {@code null} if there is no such item or aspect, or the
	 * event type has no known payload class
	 */
	@ReadOperation
	public @Nullable Map<String, Object> aspect(@Selector String kind, @Selector String id, @Selector String aspect) {
		WebhookEventOperations events = this.eventOperations;
		return (events != null && "events".equals(kind) && "schema".equals(aspect)) ? events.schema(id) : null;
	}

	private @Nullable Object trigger(String type, @Nullable String data, @Nullable String endpoint) {
		WebhookEventOperations events = this.eventOperations;
		return (events != null) ? events.trigger(type, data, endpoint) : null;
	}

	private @Nullable Object operateOnEndpoint(String name, String action, @Nullable String reason,
			@Nullable String since) {
		WebhookEndpoints endpoints = this.endpoints;
		WebhookEndpoint endpoint = (endpoints != null) ? endpoints.get(name) : null;
		if (endpoints == null || endpoint == null) {
			return null;
		}
		switch (action) {
			case "disable" -> endpoints.disable(name, (reason != null && !reason.isBlank()) ? reason
					: DEFAULT_DISABLED_REASON, this.clock.instant());
			case "enable" -> endpoints.enable(name);
			case "recover" -> {
				if (since == null) {
					throw new InvalidEndpointRequestException("Recovering needs 'since', the earliest creation time",
							"Missing 'since'");
				}
				int recovered = this.deliveryStore.recover(name, parseTime(since), this.clock.instant());
				wakeUpDispatcher();
				return new RecoveryDescriptor(name, recovered);
			}
			default -> {
				return null;
			}
		}
		return describe(endpoint, endpoints);
	}

	private @Nullable DeliveryDescriptor retry(String id) {
		Delivery delivery = this.deliveryStore.findDelivery(id).orElse(null);
		if (delivery == null) {
			return null;
		}
		if (delivery.status() != DeliveryStatus.FAILED && delivery.status() != DeliveryStatus.CANCELLED) {
			throw new InvalidEndpointRequestException("Delivery '" + id + "' is " + delivery.status()
					+ ": only a failed or cancelled delivery is retried", "Delivery not failed or cancelled");
		}
		this.deliveryStore.retry(id, this.clock.instant());
		wakeUpDispatcher();
		return item("deliveries", id);
	}

	private @Nullable ReplayDescriptor replay(String id) {
		InboundWorker worker = this.inboundWorker;
		InboundStore store = this.inboundStore;
		if (worker == null || store == null || store.find(id).isEmpty()) {
			return null;
		}
		return new ReplayDescriptor(id, worker.replay(id));
	}

	private void wakeUpDispatcher() {
		DeliveryDispatcher dispatcher = this.dispatcher;
		if (dispatcher != null) {
			dispatcher.wakeUp();
		}
	}

	private static Instant parseTime(String time) {
		try {
			return OffsetDateTime.parse(time).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidEndpointRequestException("'" + time + "' is not an ISO-8601 time with an offset",
					"Invalid 'since'");
		}
	}

	private EndpointDescriptor describe(WebhookEndpoint endpoint, WebhookEndpoints endpoints) {
		EndpointStateStore stateStore = this.stateStore;
		EndpointState state = (stateStore != null) ? stateStore.find(endpoint.name()) : null;
		boolean disabled = (state != null) ? state.disabled() : endpoints.getDisabledEndpoints().contains(endpoint.name());
		return new EndpointDescriptor(endpoint.name(), endpoint.description(), MaskedUrls.mask(endpoint.url()),
				endpoint.events().stream().map(Object::toString).toList(), endpoint.enabled(), disabled,
				(state != null) ? state.disabledReason() : null, (state != null) ? state.disabledAt() : null,
				(state != null) ? state.failingSince() : null);
	}

	private static SourceDescriptor describe(WebhookSource source) {
		return new SourceDescriptor(source.name(), source.path(),
				(source.signatureScheme() != null) ? source.signatureScheme().name() : null,
				source.mode().name().toLowerCase(Locale.ROOT));
	}

	/**
	 * What the endpoint shows.
	 *
	 * @param endpoints the configured outbound endpoints
	 * @param subscriptions the dynamic subscriptions, or {@code null} if there are none
	 * @param backlog the deliveries pending or in flight
	 * @param sources the inbound sources
	 */
	public record WebhooksDescriptor(List<EndpointDescriptor> endpoints, @Nullable SubscriptionsDescriptor subscriptions,
			long backlog, List<SourceDescriptor> sources) {

	}

	/**
	 * The dynamic subscriptions: how many there are, and the first of them, each described as
	 * an endpoint named by the subscription's id; every one is operated on as an endpoint.
	 *
	 * @param total how many subscriptions there are
	 * @param shown the subscriptions shown
	 */
	public record SubscriptionsDescriptor(int total, List<EndpointDescriptor> shown) {

	}

	/**
	 * An outbound endpoint, without its secrets.
	 *
	 * @param name the name of the endpoint
	 * @param description what it is for, or {@code null}
	 * @param url where webhooks are sent, its user info and query masked
	 * @param events the events it subscribes to, with their phase
	 * @param enabled whether the configuration enables it
	 * @param disabled whether it is disabled at runtime
	 * @param disabledReason why it is disabled at runtime, or {@code null}
	 * @param disabledAt since when it is disabled at runtime, or {@code null}
	 * @param failingSince since when every attempt to it has failed, or {@code null}
	 */
	public record EndpointDescriptor(String name, @Nullable String description, String url, List<String> events,
			boolean enabled, boolean disabled, @Nullable String disabledReason, @Nullable Instant disabledAt,
			@Nullable Instant failingSince) {

	}

	/**
	 * An inbound source, without its secrets.
	 *
	 * @param name the name of the source
	 * @param path the request path it answers at
	 * @param signatureScheme the name of the scheme verifying its signatures, or {@code null}
	 * @param mode how its calls are dispatched: {@code async} or {@code sync}
	 */
	public record SourceDescriptor(String name, String path, @Nullable String signatureScheme, String mode) {

	}

	/**
	 * A delivery with its attempts.
	 *
	 * @param delivery the delivery
	 * @param attempts its attempts, in the order they were made
	 */
	public record DeliveryDescriptor(Delivery delivery, List<DeliveryAttempt> attempts) {

	}

	/**
	 * Deliveries, newest first.
	 *
	 * @param deliveries the deliveries
	 */
	public record DeliveriesDescriptor(List<Delivery> deliveries) {

	}

	/**
	 * Inbound calls, newest first.
	 *
	 * @param calls the calls
	 */
	public record InboundCallsDescriptor(List<InboundCallDescriptor> calls) {

	}

	/**
	 * A stored inbound call, without its body and headers, which may hold personal data or
	 * credentials.
	 *
	 * @param id the id of the call
	 * @param source the name of the source it arrived at
	 * @param webhookId the sender's id of the webhook, or {@code null}
	 * @param eventType the event type, empty if the call carries none
	 * @param status where its dispatch is
	 * @param attempts how many times its listeners have been run
	 * @param receivedAt when it was received
	 * @param dueAt when it is next due for dispatch, or {@code null} if it is not pending
	 * @param processedAt when its listeners last all succeeded, or {@code null}
	 * @param lastError the last listener failure, the user info of any URL in it masked, or
	 * {@code null}
	 */
	public record InboundCallDescriptor(String id, String source, @Nullable String webhookId, String eventType,
			InboundCallStatus status, int attempts, Instant receivedAt, @Nullable Instant dueAt,
			@Nullable Instant processedAt, @Nullable String lastError) {

		static InboundCallDescriptor of(StoredInboundCall stored) {
			InboundCall call = stored.call();
			return new InboundCallDescriptor(call.id(), call.source(), call.webhookId(), call.eventType(),
					stored.status(), stored.attempts(), call.receivedAt(), stored.dueAt(), stored.processedAt(),
					MaskedUrls.maskUserInfo(stored.lastError()));
		}

	}

	/**
	 * The result of recovering an endpoint's failed deliveries.
	 *
	 * @param endpoint the name of the endpoint
	 * @param recovered how many deliveries were made pending again
	 */
	public record RecoveryDescriptor(String endpoint, int recovered) {

	}

	/**
	 * The result of replaying an inbound call.
	 *
	 * @param callId the id of the call
	 * @param replayed whether it was made pending again: {@code false} if it is already
	 * pending or in flight
	 */
	public record ReplayDescriptor(String callId, boolean replayed) {

	}

}
