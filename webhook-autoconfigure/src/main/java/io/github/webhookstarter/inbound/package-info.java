/**
 * Receiving webhooks: the endpoint, its request pipeline, listener dispatch and the inbound store.
 */
@NullMarked
package io.github.webhookstarter.inbound;

import org.jspecify.annotations.NullMarked;
