package io.github.webhookstarter.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidWebhookSourceException} and what to set to fix it.
 *
 * @author Webhook Starter team
 */
class InvalidWebhookSourceFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWebhookSourceException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidWebhookSourceException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
