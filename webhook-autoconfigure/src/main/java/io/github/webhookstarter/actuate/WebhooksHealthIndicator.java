package io.github.webhookstarter.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.WebhookEndpoints;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@link org.springframework.boot.health.contributor.HealthIndicator} of webhooks: down when
 * a store cannot be reached, up otherwise with the backlog of deliveries, the age of the
 * oldest of them (absent when there is none), the backlog of inbound calls and the endpoints
 * disabled at runtime.
 * <p>
 * A store's failure is detailed by the type of its exception only: messages of database
 * exceptions may carry connection details.
 *
 * @author Webhook Starter team
 */
public class WebhooksHealthIndicator extends AbstractHealthIndicator {

	private static final Log logger = LogFactory.getLog(WebhooksHealthIndicator.class);

	private final DeliveryStore deliveryStore;

	private final @Nullable WebhookEndpoints endpoints;

	private final @Nullable InboundStore inboundStore;

	private final Clock clock;

	/**
	 * Create an indicator on the system clock.
	 * @param deliveryStore the store of deliveries
	 * @param endpoints the outbound endpoints, or {@code null} if the outbound side is off
	 * @param inboundStore the store of inbound calls, or {@code null} if there is none
	 */
	public WebhooksHealthIndicator(DeliveryStore deliveryStore, @Nullable WebhookEndpoints endpoints,
			@Nullable InboundStore inboundStore) {
		this(deliveryStore, endpoints, inboundStore, Clock.systemUTC());
	}

	/**
	 * Create an indicator.
	 * @param deliveryStore the store of deliveries
	 * @param endpoints the outbound endpoints, or {@code null} if the outbound side is off
	 * @param inboundStore the store of inbound calls, or {@code null} if there is none
	 * @param clock the clock that the age of the oldest pending delivery is measured with
	 */
	public WebhooksHealthIndicator(DeliveryStore deliveryStore, @Nullable WebhookEndpoints endpoints,
			@Nullable InboundStore inboundStore, Clock clock) {
		super("Webhooks health check failed");
		this.deliveryStore = deliveryStore;
		this.endpoints = endpoints;
		this.inboundStore = inboundStore;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		long backlog;
		Instant oldestPending;
		try {
			backlog = this.deliveryStore.countUnfinished();
			oldestPending = this.deliveryStore.findOldestUnfinishedCreationTime().orElse(null);
		}
		catch (RuntimeException ex) {
			down(builder, "delivery", ex);
			return;
		}
		Long inboundBacklog = null;
		InboundStore inboundStore = this.inboundStore;
		if (inboundStore != null) {
			try {
				inboundBacklog = inboundStore.countUnfinished();
			}
			catch (RuntimeException ex) {
				down(builder, "inbound", ex);
				return;
			}
		}
		builder.up().withDetail("backlog", backlog);
		if (oldestPending != null) {
			Duration age = Duration.between(oldestPending, this.clock.instant());
			builder.withDetail("oldestPendingAge", (age.isNegative() ? Duration.ZERO : age).toString());
		}
		if (inboundBacklog != null) {
			builder.withDetail("inboundBacklog", inboundBacklog);
		}
		WebhookEndpoints endpoints = this.endpoints;
		if (endpoints != null) {
			builder.withDetail("disabledEndpoints", List.copyOf(new TreeSet<>(endpoints.getDisabledEndpoints())));
		}
	}

	private static void down(Health.Builder builder, String store, RuntimeException ex) {
		logger.warn("The webhook " + store + " store cannot be reached", ex);
		builder.down().withDetail("store", store).withDetail("error", ex.getClass().getName());
	}

}
