/**
 * Emitting webhooks: application events become signed webhook messages, stored once and
 * delivered to every matching endpoint, retried with back-off, every attempt recorded.
 * <p>
 * Applications publish with {@link io.github.webhookstarter.outbound.WebhookPublisher}, define
 * endpoints with {@link io.github.webhookstarter.outbound.WebhookEndpoint}, enable and disable
 * them with {@link io.github.webhookstarter.outbound.WebhookEndpoints}, listen to the delivery
 * events and may replace the {@link io.github.webhookstarter.outbound.DeliveryStore} and
 * {@link io.github.webhookstarter.outbound.EndpointStateStore}. The dispatcher, sender and
 * clients are public only for the auto-configuration and say so.
 */
@NullMarked
package io.github.webhookstarter.outbound;

import org.jspecify.annotations.NullMarked;
