/**
 * Auto-configuration of the signature schemes, and how sources and endpoints configure
 * theirs.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.signing;

import org.jspecify.annotations.NullMarked;
