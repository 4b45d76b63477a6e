/**
 * In-memory implementations of the stores, the default when the application has no
 * {@code DataSource}; they are not durable.
 */
@NullMarked
package io.github.webhookstarter.store.memory;

import org.jspecify.annotations.NullMarked;
