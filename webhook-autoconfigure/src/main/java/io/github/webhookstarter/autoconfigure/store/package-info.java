/**
 * Auto-configuration of the stores, in memory or JDBC, of the JDBC schema and of the
 * {@code webhook.jdbc} properties.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.store;

import org.jspecify.annotations.NullMarked;
