package io.github.webhookstarter.inbound;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What came of running the listeners of a webhook call.
 *
 * @param completedListeners the ids of the listeners that have succeeded for the call, in this
 * run or before
 * @param failures the listeners that failed in this run, with what they threw
 * @author Webhook Starter team
 */
record ListenerDispatch(Set<String> completedListeners, List<Failure> failures) {

	boolean isSuccessful() {
		return this.failures.isEmpty();
	}

	/**
	 * Return whether a failure is one that retrying cannot mend.
	 * @return whether a payload could not be converted
	 */
	boolean isPermanentFailure() {
		return this.failures.stream().anyMatch((failure) -> failure.error() instanceof WebhookPayloadException);
	}

	/**
	 * Return what failed, one listener after the other, as recorded with the call.
	 * @return the failures, described
	 */
	String describeFailures() {
		return this.failures.stream()
			.map((failure) -> failure.listener() + ": " + failure.error().getClass().getName() + ": "
					+ failure.error().getMessage())
			.collect(Collectors.joining("; "));
	}

	/**
	 * A listener that failed.
	 *
	 * @param listener the listener
	 * @param error what it threw
	 */
	record Failure(WebhookListenerMethod listener, Exception error) {

	}

}
