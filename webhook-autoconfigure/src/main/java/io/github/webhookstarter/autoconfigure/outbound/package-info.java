/**
 * Auto-configuration of the outbound side: the endpoints, the publisher, the sender and their configuration properties.
 */
@NullMarked
package io.github.webhookstarter.autoconfigure.outbound;

import org.jspecify.annotations.NullMarked;
