/**
 * Internal machinery that the inbound and outbound sides share: event type names and their
 * {@code *} wildcard matching ({@link io.github.webhookstarter.core.internal.EventTypes}), the
 * single-thread polling loop that both workers run on
 * ({@link io.github.webhookstarter.core.internal.PollingLoop}), retry schedules computed from
 * back-offs ({@link io.github.webhookstarter.core.internal.RetrySchedule}), the worker threads
 * ({@link io.github.webhookstarter.core.internal.WorkerThreads}), the publishing of the
 * library's application events ({@link io.github.webhookstarter.core.internal.LibraryEvents})
 * and URLs without their credentials ({@link io.github.webhookstarter.core.internal.MaskedUrls}).
 * <p>
 * Not API: these types are public only so that the other packages of the starter and its
 * auto-configuration can use them; they may change in any release without notice.
 */
@NullMarked
package io.github.webhookstarter.core.internal;

import org.jspecify.annotations.NullMarked;
