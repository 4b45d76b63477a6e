/**
 * Configuration properties of the webhook starter and what the auto-configuration of every
 * feature shares: the {@code webhook} properties, back-off properties, the check of
 * misspelled keys and the failure analysis of invalid configuration. Each feature's
 * auto-configuration is in its own sub-package.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
