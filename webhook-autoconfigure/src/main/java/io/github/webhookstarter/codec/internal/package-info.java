/**
 * Internal content decoding: the bounded reading and decoding of received bodies
 * ({@link io.github.webhookstarter.codec.internal.ContentDecoder}), which gives up as soon as
 * the output goes over a limit.
 * <p>
 * Not API: these types are public only so that the inbound side can use them; they may change
 * in any release without notice.
 */
@NullMarked
package io.github.webhookstarter.codec.internal;

import org.jspecify.annotations.NullMarked;
