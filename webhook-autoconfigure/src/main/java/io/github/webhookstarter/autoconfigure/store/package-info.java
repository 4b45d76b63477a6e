/**
 * Auto-configuration of the stores, in memory or JDBC, and of the JDBC schema.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.store;

import org.jspecify.annotations.NullMarked;
