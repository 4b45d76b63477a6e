/**
 * Auto-configuration that lets webhooks through Spring Security.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
