/**
 * Content codings ({@code gzip}, {@code deflate}, {@code br}) for both sides: the
 * {@link io.github.webhookstarter.codec.Compression} of sent bodies and the
 * {@link io.github.webhookstarter.codec.BrotliSupport} that tells whether {@code br} is
 * available. The bounded decoding of received bodies, which gives up as soon as the output goes
 * over a limit, is in {@link io.github.webhookstarter.codec.internal}.
 */
@NullMarked
package io.github.webhookstarter.codec;

import org.jspecify.annotations.NullMarked;
