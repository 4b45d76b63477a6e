package io.github.webhookstarter.core;

import java.time.Duration;

/**
 * Waits for "nothing happened" checks in tests that run with the default poll interval: a
 * window shorter than the interval would see no poll, and so prove nothing.
 */
public final class Polls {

	/**
	 * Default poll interval of both sides ({@code webhook.inbound.poll-interval} and
	 * {@code webhook.outbound.poll-interval}).
	 */
	public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

	private Polls() {
	}

	/**
	 * Wait past the next poll at the default interval, with a margin for a poll that takes a
	 * while.
	 */
	public static void waitPastTheNextPoll() throws InterruptedException {
		Thread.sleep(DEFAULT_POLL_INTERVAL.plusMillis(500).toMillis());
	}

}
