/**
 * Auto-configuration of the signature schemes shared by both sides.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.signing;

import org.jspecify.annotations.NullMarked;
