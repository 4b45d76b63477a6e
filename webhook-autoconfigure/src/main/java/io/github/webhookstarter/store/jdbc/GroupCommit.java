package io.github.webhookstarter.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Writes that concurrent callers make one at a time, written in batches: a caller queues its
 * write and either finds it written by the batch of another caller or writes the batch of
 * every write queued meanwhile itself, in one transaction. Each caller returns only once its
 * write is committed (or has failed), so that what it answers afterwards holds; while a
 * batch commits, the next one gathers, so that many callers share one commit and its flush
 * to disk. A lone caller writes alone, without waiting.
 *
 * @param <W> the type of the writes
 * @author Webhook Starter team
 */
final class GroupCommit<W extends GroupCommit.Write> {

	private final Queue<W> queue = new ConcurrentLinkedQueue<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Consumer<List<W>> writer;

	/**
	 * Create a group commit.
	 * @param writer writes a batch and {@linkplain Write#complete completes} or
	 * {@linkplain Write#fail fails} each of its writes
	 */
	GroupCommit(Consumer<List<W>> writer) {
		this.writer = writer;
	}

	/**
	 * Write, in a batch with the writes of other callers, and return once written.
	 * @param write the write
	 * @return its outcome
	 * @throws RuntimeException what the write failed with
	 */
	boolean write(W write) {
		this.queue.add(write);
		this.lock.lock();
		try {
			if (!write.isDone()) {
				List<W> batch = new ArrayList<>();
				for (W queued = this.queue.poll(); queued != null; queued = this.queue.poll()) {
					batch.add(queued);
				}
				try {
					this.writer.accept(batch);
				}
				catch (RuntimeException ex) {
					for (W written : batch) {
						if (!written.isDone()) {
							written.fail(ex);
						}
					}
				}
			}
		}
		finally {
			// the outcomes are read after the lock: they are visible to every waiter
			this.lock.unlock();
		}
		return write.outcome();
	}

	/**
	 * One write of a batch, and its outcome once written.
	 */
	abstract static class Write {

		private boolean done;

		private boolean outcome;

		private @Nullable RuntimeException failure;

		/**
		 * Record the outcome of the write.
		 * @param outcome what the write returns
		 */
		void complete(boolean outcome) {
			this.outcome = outcome;
			this.done = true;
		}

		/**
		 * Record that the write failed.
		 * @param failure what it throws
		 */
		void fail(RuntimeException failure) {
			this.failure = failure;
			this.done = true;
		}

		boolean isDone() {
			return this.done;
		}

		boolean outcome() {
			RuntimeException failure = this.failure;
			if (failure != null) {
				throw failure;
			}
			return this.outcome;
		}

	}

}
