/**
 * Actuator support: the {@code webhooks} endpoint and health indicator.
 */
@NullMarked
package io.github.webhookstarter.actuate;

import org.jspecify.annotations.NullMarked;
