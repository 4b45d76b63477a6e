/**
 * Spring Boot starter for receiving and emitting webhooks.
 */
@NullMarked
package io.github.webhookstarter;

import org.jspecify.annotations.NullMarked;
