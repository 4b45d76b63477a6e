/**
 * Internal parts of the outbound side that need nothing of its package: the listener that
 * turns {@code @WebhookEvent} application events into webhooks.
 * <p>
 * Not API: these types are public only so that the auto-configuration can create them; they
 * may change in any release without notice.
 */
@NullMarked
package io.github.webhookstarter.outbound.internal;

import org.jspecify.annotations.NullMarked;
