package io.github.webhookstarter.outbound;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the {@link DefaultWebhookPublisher} whether the transaction of the calling thread is
 * completing: committed or rolled back, with its after-commit and after-completion callbacks
 * running. Spring Boot adds this listener to the transaction managers it auto-configures; add
 * it to one of the application's own with
 * {@link org.springframework.transaction.ConfigurableTransactionManager#addListener}.
 * <p>
 * Spring exposes no such state: while {@code afterCommit} callbacks run, synchronization and
 * the actual transaction are still active, and a synchronization registered then is never
 * called back for {@code afterCommit}. The connection is still bound until cleanup, so a
 * store that joins it would write into a transaction that has ended. A synchronization of the
 * publisher's own could only record phases of transactions it was registered with before they
 * completed, not of one whose first publication comes from an {@code afterCommit} callback.
 *
 * @author Webhook Starter team
 */
public final class TransactionCompletionListener implements TransactionExecutionListener {

	// per thread, the transactions begun and not finished yet, innermost first: a transaction
	// begun from another's completion callbacks is active while the other completes
	private static final ThreadLocal<Deque<Transaction>> transactions = new ThreadLocal<>();

	/**
	 * Return whether the transaction of the calling thread is completing.
	 * @return whether the current transaction is committed or rolled back and not cleaned up
	 */
	static boolean isCompleting() {
		// Spring clears synchronization before it calls afterCompletion callbacks and resets the
		// actual transaction flag only when cleaning up, so this holds with any transaction
		// manager that synchronizes
		if (TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isSynchronizationActive()) {
			return true;
		}
		Deque<Transaction> current = transactions.get();
		return current != null && !current.isEmpty() && current.peek().completing;
	}

	@Override
	public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
		if (beginFailure == null && transaction.isNewTransaction()) {
			Deque<Transaction> current = transactions.get();
			if (current == null) {
				current = new ArrayDeque<>();
				transactions.set(current);
			}
			current.push(new Transaction(transaction));
		}
	}

	@Override
	public void beforeCommit(TransactionExecution transaction) {
		completing(transaction);
	}

	@Override
	public void beforeRollback(TransactionExecution transaction) {
		completing(transaction);
	}

	@Override
	public void afterCommit(TransactionExecution transaction, @Nullable Throwable commitFailure) {
		finished(transaction);
	}

	@Override
	public void afterRollback(TransactionExecution transaction, @Nullable Throwable rollbackFailure) {
		finished(transaction);
	}

	private void completing(TransactionExecution transaction) {
		Deque<Transaction> current = transactions.get();
		if (current != null) {
			current.stream()
				.filter((candidate) -> candidate.execution == transaction)
				.forEach((candidate) -> candidate.completing = true);
		}
	}

	private void finished(TransactionExecution transaction) {
		Deque<Transaction> current = transactions.get();
		if (current != null) {
			current.removeIf((candidate) -> candidate.execution == transaction);
			if (current.isEmpty()) {
				transactions.remove();
			}
		}
	}

	private static final class Transaction {

		private final TransactionExecution execution;

		private boolean completing;

		Transaction(TransactionExecution execution) {
			this.execution = execution;
		}

	}

}
