/**
 * Emitting webhooks: application events become signed webhook messages, stored once and
 * delivered to every matching endpoint, retried with back-off, every attempt recorded.
 */
@NullMarked
package io.github.webhookstarter.outbound;

import org.jspecify.annotations.NullMarked;
