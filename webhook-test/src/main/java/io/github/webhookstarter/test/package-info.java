/**
 * Test support for applications that use the webhook starter: signed requests for every
 * signature scheme and for the application's own sources ({@link WebhookRequests}), and a
 * local receiver that records and verifies emitted webhooks ({@link WebhookRecorder}).
 */
@NullMarked
package io.github.webhookstarter.test;

import org.jspecify.annotations.NullMarked;
