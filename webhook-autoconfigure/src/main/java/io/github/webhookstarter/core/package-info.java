/**
 * What the inbound and outbound sides share: event type names and their {@code *} wildcard
 * matching ({@link io.github.webhookstarter.core.EventTypes}), the single-thread polling loop
 * that both workers run on ({@link io.github.webhookstarter.core.PollingLoop}), retry
 * schedules computed from back-offs ({@link io.github.webhookstarter.core.RetrySchedule},
 * {@link io.github.webhookstarter.core.IntervalBackOff}) and the publishing of the library's
 * application events ({@link io.github.webhookstarter.core.LibraryEvents}).
 */
@NullMarked
package io.github.webhookstarter.core;

import org.jspecify.annotations.NullMarked;
