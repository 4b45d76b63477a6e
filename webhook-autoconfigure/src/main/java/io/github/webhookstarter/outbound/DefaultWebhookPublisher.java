package io.github.webhookstarter.outbound;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import io.github.webhookstarter.observation.WebhookDeliveryObservationContext;
import io.github.webhookstarter.observation.WebhookDeliveryObservationConvention;

/**
 * Default {@link WebhookPublisher}: serializes the event once, calls the before-phase
 * endpoints synchronously, and stores one delivery per after-phase endpoint for the
 * {@link DeliveryDispatcher}, after commit when a transaction is active. Published while a
 * transaction completes (from an after-commit or after-completion callback, or a
 * {@code @TransactionalEventListener} of any phase), they are stored at once, in a
 * transaction of their own, which the {@link TransactionCompletionListener} tells.
 * <p>
 * Created by the auto-configuration unless the application defines a {@link WebhookPublisher}
 * bean; applications inject it as a {@link WebhookPublisher}.
 *
 * @author Webhook Starter team
 */
public final class DefaultWebhookPublisher implements WebhookPublisher {

	private static final Log logger = LogFactory.getLog(DefaultWebhookPublisher.class);

	private static final boolean transactionsPresent = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			DefaultWebhookPublisher.class.getClassLoader());

	private final WebhookEndpoints endpoints;

	private final DeliveryStore store;

	private final WebhookSender sender;

	private final DeliveryDispatcher dispatcher;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final Envelope envelope;

	private final BeforePhaseFailure beforePhaseFailure;

	private final DeliveryObservations observations;

	private final WebhookEventTypes eventTypes;

	/**
	 * Create a publisher.
	 * @param endpoints the endpoints
	 * @param store stores messages and deliveries
	 * @param sender sends before-phase webhooks
	 * @param dispatcher sends stored deliveries
	 * @param jsonMapper serializes payloads
	 * @param clock the clock of message timestamps
	 * @param envelope the body of the webhooks
	 * @param beforePhaseFailure what happens when a before-phase call fails
	 * @param observationRegistry records the {@code webhook.delivery} observation of before-phase
	 * calls
	 * @param observationConvention a custom convention of that observation, or {@code null}
	 * @param eventTypes records the type and payload class of every event published
	 */
	public DefaultWebhookPublisher(WebhookEndpoints endpoints, DeliveryStore store, WebhookSender sender,
			DeliveryDispatcher dispatcher, JsonMapper jsonMapper, Clock clock, Envelope envelope,
			BeforePhaseFailure beforePhaseFailure, ObservationRegistry observationRegistry,
			@Nullable WebhookDeliveryObservationConvention observationConvention, WebhookEventTypes eventTypes) {
		this.endpoints = endpoints;
		this.store = store;
		this.sender = sender;
		this.dispatcher = dispatcher;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.envelope = envelope;
		this.beforePhaseFailure = beforePhaseFailure;
		this.observations = new DeliveryObservations(observationRegistry, observationConvention);
		this.eventTypes = eventTypes;
	}

	@Override
	public WebhookMessage publish(String type, Object payload) {
		this.eventTypes.record(type, payload.getClass());
		WebhookMessage message = createMessage(type, payload);
		for (WebhookEndpoint endpoint : this.endpoints.getSubscribers(EventPhase.BEFORE, type)) {
			callBefore(endpoint, message);
		}
		List<String> subscribers = this.endpoints.getSubscribers(EventPhase.AFTER, type)
			.stream()
			.map(WebhookEndpoint::name)
			.toList();
		return store(message, subscribers);
	}

	/**
	 * Publish an event to one endpoint alone, whatever events it subscribes to, such as an
	 * event triggered by hand to try the endpoint out. The webhook is stored and sent as an
	 * after-phase delivery (after commit when a transaction is active), never as a
	 * before-phase call; other endpoints do not get it. An endpoint disabled at runtime gets
	 * it once enabled again. The event type is not recorded among the
	 * {@link WebhookEventTypes}.
	 * @param endpoint the name of the endpoint
	 * @param type the event type
	 * @param payload the payload, serialized to JSON as the {@code data} of the webhook
	 * @return the message of the event
	 * @throws IllegalArgumentException if there is no endpoint of that name, or its
	 * configuration does not enable it
	 * @throws DeliveryStoreFullException if the store of deliveries is bounded and full
	 */
	public WebhookMessage publishTo(String endpoint, String type, Object payload) {
		WebhookEndpoint target = this.endpoints.get(endpoint);
		Assert.isTrue(target != null, () -> "No webhook endpoint is named '" + endpoint + "'");
		Assert.isTrue(target.enabled(), () -> "Webhook endpoint '" + endpoint + "' is not enabled");
		return store(createMessage(type, payload), List.of(endpoint));
	}

	private WebhookMessage store(WebhookMessage message, List<String> subscribers) {
		if (subscribers.isEmpty()) {
			return message;
		}
		if (transactionsPresent && AfterCommit.isCompleting()) {
			// published from a callback of a committed or rolled back transaction: Spring calls no
			// synchronization registered now, and joining would write into the ended transaction
			this.dispatcher.dispatch(message, this.store.saveInNewTransaction(message, subscribers));
		}
		else if (transactionsPresent && AfterCommit.isActive()) {
			if (this.store.joinsCurrentTransaction()) {
				// the outbox: stored with the application's data, sent once that is committed
				List<Delivery> deliveries = this.store.save(message, subscribers);
				AfterCommit.register(() -> this.dispatcher.dispatch(message, deliveries));
			}
			else {
				AfterCommit.register(() -> enqueue(message, subscribers));
			}
		}
		else {
			enqueue(message, subscribers);
		}
		return message;
	}

	private WebhookMessage createMessage(String type, Object payload) {
		Instant timestamp = this.clock.instant();
		Object body = payload;
		if (this.envelope == Envelope.STANDARD) {
			Map<String, Object> envelope = new LinkedHashMap<>();
			envelope.put("type", type);
			envelope.put("timestamp", timestamp.toString());
			envelope.put("data", payload);
			body = envelope;
		}
		return new WebhookMessage("msg_" + UUID.randomUUID().toString().replace("-", ""), type, timestamp,
				this.jsonMapper.writeValueAsBytes(body));
	}

	private void enqueue(WebhookMessage message, List<String> endpoints) {
		this.dispatcher.dispatch(message, this.store.save(message, endpoints));
	}

	private void callBefore(WebhookEndpoint endpoint, WebhookMessage message) {
		WebhookDeliveryObservationContext context = new WebhookDeliveryObservationContext(endpoint.name(),
				message.type());
		Observation observation = this.observations.start(context);
		try {
			SendResult result = this.sender.send(endpoint, message);
			context.setStatusCode(result.statusCode());
			if (result.cancelReason() != null) {
				context.setOutcome("cancelled");
				throw new WebhookEventCancelledException(result.cancelReason(), endpoint.name(), message.type());
			}
			if (result.isSuccessful()) {
				context.setOutcome("delivered");
				return;
			}
			context.setOutcome("failed");
			String failure = (result.statusCode() != null) ? "HTTP " + result.statusCode() : result.error();
			if (this.beforePhaseFailure == BeforePhaseFailure.CANCEL) {
				throw new WebhookEventCancelledException("before-phase call failed: " + failure, endpoint.name(),
						message.type());
			}
			logger.warn("Before-phase webhook to endpoint '" + endpoint.name() + "' for event '" + message.type()
					+ "' failed (" + failure + "); the event proceeds");
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Defers work to the commit of the current transaction; a class of its own so that
	 * spring-tx is only loaded when it is present.
	 */
	private static final class AfterCommit {

		static boolean isActive() {
			return TransactionSynchronizationManager.isSynchronizationActive();
		}

		static boolean isCompleting() {
			return TransactionCompletionListener.isCompleting();
		}

		static void register(Runnable action) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				private boolean done;

				@Override
				public void afterCommit() {
					this.done = true;
					action.run();
				}

				// registered from another synchronization's afterCommit, where a transaction
				// manager without the TransactionCompletionListener leaves it unnoticed: Spring
				// calls afterCompletion, as it does for @TransactionalEventListener, but not
				// afterCommit
				@Override
				public void afterCompletion(int status) {
					if (status == STATUS_COMMITTED && !this.done) {
						this.done = true;
						action.run();
					}
				}

			});
		}

	}

}
