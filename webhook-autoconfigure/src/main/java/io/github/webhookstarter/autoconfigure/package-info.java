/**
 * Auto-configuration and configuration properties of the webhook starter.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
