package io.github.webhookstarter.inbound;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the payload of a webhook cannot be converted to the type a listener declares.
 * Retrying cannot help: a stored call whose payload cannot be converted fails at once, and can
 * be replayed once the listener is fixed; a synchronous call is answered {@code 400}.
 *
 * @author Webhook Starter team
 */
public class WebhookPayloadException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what could not be converted, and why
	 * @param cause the conversion failure, or {@code null}
	 */
	public WebhookPayloadException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
