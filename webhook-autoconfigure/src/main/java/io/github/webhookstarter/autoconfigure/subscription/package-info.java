/**
 * Auto-configuration of dynamic subscriptions: their properties under
 * {@code webhook.subscriptions}, their endpoints and the subscriptions API.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.subscription;

import org.jspecify.annotations.NullMarked;
