/**
 * Dynamic subscriptions (REST Hooks): endpoints that the application's users create, change
 * and delete at runtime over an HTTP API, each owned by the principal that created it.
 * <p>
 * A subscription is delivered to as an endpoint whose definition lives in a
 * {@link io.github.webhookstarter.subscription.SubscriptionStore}, shared by every instance
 * that uses the same store; its secrets may be encrypted at rest with a
 * {@link io.github.webhookstarter.subscription.SecretCodec}.
 */
@NullMarked
package io.github.webhookstarter.subscription;

import org.jspecify.annotations.NullMarked;
