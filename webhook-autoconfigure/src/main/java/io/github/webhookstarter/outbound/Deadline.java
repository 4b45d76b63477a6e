package io.github.webhookstarter.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The deadline of one attempt, started and finished on the thread that makes it. When it
 * passes before the attempt finishes, the actions registered with {@link #onExpiry} abort
 * the exchange from a scheduler thread: clients time out each read, not a whole exchange, so
 * a receiver that answers a byte at a time would otherwise hold the attempt as long as it
 * likes.
 *
 * @author Webhook Starter team
 */
final class Deadline implements AutoCloseable {

	private static final ThreadLocal<Deadline> current = new ThreadLocal<>();

	private final long deadline;

	private final List<Runnable> aborts = new ArrayList<>();

	private final ScheduledFuture<?> expiry;

	private boolean expired;

	private boolean finished;

	private Deadline(ScheduledExecutorService scheduler, Duration timeout) {
		this.deadline = System.nanoTime() + timeout.toNanos();
		this.expiry = scheduler.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Start the deadline of an attempt made on the current thread.
	 * @param scheduler runs the aborts when the deadline passes
	 * @param timeout how long the attempt may take
	 * @return the deadline, to close when the attempt is over
	 */
	static Deadline start(ScheduledExecutorService scheduler, Duration timeout) {
		Deadline deadline = new Deadline(scheduler, timeout);
		current.set(deadline);
		return deadline;
	}

	/**
	 * Return the deadline of the attempt in progress on the current thread, for a client that
	 * learns how to abort an exchange only while it makes it.
	 * @return the deadline, or {@code null} outside an attempt
	 */
	static @Nullable Deadline current() {
		return current.get();
	}

	/**
	 * Register how to abort the exchange, run at once if the deadline has already passed.
	 * @param abort closes a connection or a response; it may run on another thread than the
	 * exchange, while the exchange reads or writes
	 */
	void onExpiry(Runnable abort) {
		synchronized (this.aborts) {
			if (!this.expired) {
				if (!this.finished) {
					this.aborts.add(abort);
				}
				return;
			}
		}
		run(abort);
	}

	/**
	 * Return whether the deadline has passed, whether or not the exchange was aborted.
	 * @return whether the deadline has passed
	 */
	boolean hasPassed() {
		synchronized (this.aborts) {
			return this.expired || System.nanoTime() - this.deadline >= 0;
		}
	}

	/**
	 * Finish the attempt: from now on, the deadline aborts nothing.
	 * @return whether the exchange was aborted before, so that what was read of it may be
	 * incomplete
	 */
	boolean finish() {
		this.expiry.cancel(false);
		current.remove();
		synchronized (this.aborts) {
			this.finished = true;
			this.aborts.clear();
			return this.expired;
		}
	}

	@Override
	public void close() {
		finish();
	}

	private void expire() {
		List<Runnable> aborts;
		synchronized (this.aborts) {
			if (this.finished) {
				return;
			}
			this.expired = true;
			aborts = new ArrayList<>(this.aborts);
			this.aborts.clear();
		}
		aborts.forEach(Deadline::run);
	}

	private static void run(Runnable abort) {
		try {
			abort.run();
		}
		catch (RuntimeException ex) {
			// the exchange fails with its own exception, which the attempt reports
		}
	}

}
