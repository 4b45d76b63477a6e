package io.github.webhookstarter.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidWebhookConfigurationException} and what to set to fix it.
 * <p>
 * Public, like the exception it explains, which the auto-configuration of every feature
 * throws; the tests of each feature read its analysis.
 *
 * @author Webhook Starter team
 */
public class InvalidWebhookConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidWebhookConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidWebhookConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
