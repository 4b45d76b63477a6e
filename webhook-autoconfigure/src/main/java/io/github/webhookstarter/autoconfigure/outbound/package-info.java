/**
 * Auto-configuration of the outbound side: the endpoints, the publisher, the sender and the
 * {@code webhook.outbound} properties.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.outbound;

import org.jspecify.annotations.NullMarked;
