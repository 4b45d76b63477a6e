/**
 * Auto-configuration of the inbound side: the webhook endpoint, its sources and the
 * {@code webhook.inbound} properties.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.inbound;

import org.jspecify.annotations.NullMarked;
