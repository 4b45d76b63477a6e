/**
 * Webhook signature schemes, used to sign outbound and to verify inbound webhooks.
 */
@NullMarked
package io.github.webhookstarter.signing;

import org.jspecify.annotations.NullMarked;
