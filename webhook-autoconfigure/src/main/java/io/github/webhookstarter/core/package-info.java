/**
 * Types shared by the inbound and outbound sides: event names and their matching.
 */
@NullMarked
package io.github.webhookstarter.core;

import org.jspecify.annotations.NullMarked;
