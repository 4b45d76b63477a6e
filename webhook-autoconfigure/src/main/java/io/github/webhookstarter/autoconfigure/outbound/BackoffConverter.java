package io.github.webhookstarter.autoconfigure.outbound;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;

import io.github.webhookstarter.autoconfigure.BackoffProperties;


/**
 * Binds {@code backoff: false} (and {@code true}) to a {@link BackoffProperties}, so
 * that a single attempt is one word in YAML.
 *
 * @author Webhook Starter team
 */
@ConfigurationPropertiesBinding
final class BackoffConverter implements Converter<String, BackoffProperties> {

	@Override
	public BackoffProperties convert(String source) {
		String value = source.trim();
		if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
			throw new IllegalArgumentException(
					"Backoff '" + source + "' is neither true, false nor a map of back-off properties");
		}
		BackoffProperties backoff = new BackoffProperties();
		backoff.setEnabled(Boolean.parseBoolean(value));
		return backoff;
	}

}
