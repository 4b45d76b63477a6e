package io.github.webhookstarter.autoconfigure.signing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureSchemes;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of the signature schemes shared by both sides: the built-in ones and every
 * {@link SignatureScheme} bean.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration
public final class WebhookSigningAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SignatureSchemes webhookSignatureSchemes(ObjectProvider<SignatureScheme> customSchemes) {
		return new SignatureSchemes(customSchemes.orderedStream().toList());
	}

}
