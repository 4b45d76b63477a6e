/**
 * Auto-configuration of the actuator support: the {@code webhooks} endpoint and health
 * indicator, when the application has the actuator.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
