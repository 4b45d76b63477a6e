/**
 * What every store shares: purging what was kept past the retention.
 */
@NullMarked
package io.github.webhookstarter.store;

import org.jspecify.annotations.NullMarked;
