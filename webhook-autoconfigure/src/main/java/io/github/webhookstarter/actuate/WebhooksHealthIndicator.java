package io.github.webhookstarter.actuate;

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
 * a store cannot be reached, up otherwise with the backlog of deliveries and the endpoints
 * disabled at runtime.
 * <p>
 * A store's failure is detailed by the type of its exception only: messages of database
 * exceptions may carry connection details.
 *
 * @author Webhook Starter team
 */
public class WebhooksHealthIndicator extends AbstractHealthIndicator {

	private static final Log logger = LogFactory.getLog(WebhooksHealthIndicator.class);

	/** The id looked up to see whether the inbound store answers; no call has it. */
	private static final String PROBE_ID = "webhooks-health-probe";

	private final DeliveryStore deliveryStore;

	private final @Nullable WebhookEndpoints endpoints;

	private final @Nullable InboundStore inboundStore;

	/**
	 * Create an indicator.
	 * @param deliveryStore the store of deliveries
	 * @param endpoints the outbound endpoints, or {@code null} if the outbound side is off
	 * @param inboundStore the store of inbound calls, or {@code null} if there is none
	 */
	public WebhooksHealthIndicator(DeliveryStore deliveryStore, @Nullable WebhookEndpoints endpoints,
			@Nullable InboundStore inboundStore) {
		super("Webhooks health check failed");
		this.deliveryStore = deliveryStore;
		this.endpoints = endpoints;
		this.inboundStore = inboundStore;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		long backlog;
		try {
			backlog = this.deliveryStore.countUnfinished();
		}
		catch (RuntimeException ex) {
			down(builder, "delivery", ex);
			return;
		}
		InboundStore inboundStore = this.inboundStore;
		if (inboundStore != null) {
			try {
				inboundStore.find(PROBE_ID);
			}
			catch (RuntimeException ex) {
				down(builder, "inbound", ex);
				return;
			}
		}
		builder.up().withDetail("backlog", backlog);
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
