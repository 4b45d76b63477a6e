package io.github.webhookstarter.signing;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Secret}.
 *
 * @author Webhook Starter team
 */
class SecretTests {

	@Test
	void toStringIsMasked() {
		Secret secret = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
		assertThat(secret).hasToString("******");
		assertThat(String.valueOf(List.of(secret))).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
	}

	@Test
	void standardWebhooksKeyIsBase64DecodedWithOrWithoutPrefix() {
		assertThat(Secret.of("whsec_aGVsbG8=").standardWebhooksKey()).isEqualTo("hello".getBytes());
		assertThat(Secret.of("aGVsbG8=").standardWebhooksKey()).isEqualTo("hello".getBytes());
	}

	@Test
	void standardWebhooksKeyWhenNotBase64FailsWithoutRevealingSecret() {
		Secret secret = Secret.of("whsec_hunter2!not-base64");
		assertThatIllegalArgumentException().isThrownBy(secret::standardWebhooksKey)
			.withMessage("Standard Webhooks secret is not base64 (expected 'whsec_' followed by base64)")
			.withMessageNotContaining("hunter2")
			.withNoCause();
	}

	@Test
	void emptySecretIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Secret.of("")).withMessage("Secret must not be empty");
	}

}
