/**
 * Content codings ({@code gzip}, {@code deflate}, {@code br}) for both sides: the bounded
 * decoding of received bodies, which gives up as soon as the output goes over a limit, and the
 * {@link io.github.webhookstarter.codec.Compression} of sent ones.
 */
@NullMarked
package io.github.webhookstarter.codec;

import org.jspecify.annotations.NullMarked;
