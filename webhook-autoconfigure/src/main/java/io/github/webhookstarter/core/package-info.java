/**
 * What the inbound and outbound sides share that applications use: the
 * {@link io.github.webhookstarter.core.IntervalBackOff} retry schedule. The shared machinery
 * (event type matching, the polling loop, retry schedules, worker threads, library events) is
 * in {@link io.github.webhookstarter.core.internal}.
 */
@NullMarked
package io.github.webhookstarter.core;

import org.jspecify.annotations.NullMarked;
