/**
 * Micrometer observations of received and delivered webhooks, with conventions that
 * applications can replace.
 */
@NullMarked
package io.github.webhookstarter.observation;

import org.jspecify.annotations.NullMarked;
