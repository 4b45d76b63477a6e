package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SignatureSchemes}.
 *
 * @author Webhook Starter team
 */
class SignatureSchemesTests {

	@Test
	void holdsBuiltInSchemesButNotHmac() {
		SignatureSchemes schemes = new SignatureSchemes(List.of());
		assertThat(schemes.names()).containsExactly("standard", "github", "stripe", "shopify", "slack", "paddle",
				"servo");
		assertThat(schemes.get("standard")).isInstanceOf(StandardWebhooksSignatureScheme.class);
		assertThat(schemes.get("github")).isInstanceOf(GitHubSignatureScheme.class);
		assertThat(schemes.get("stripe")).isInstanceOf(StripeSignatureScheme.class);
		assertThat(schemes.get("shopify")).isInstanceOf(ShopifySignatureScheme.class);
		assertThat(schemes.get("slack")).isInstanceOf(SlackSignatureScheme.class);
		assertThat(schemes.get("paddle")).isInstanceOf(PaddleSignatureScheme.class);
		assertThat(schemes.get("servo")).isInstanceOf(ServoSignatureScheme.class);
		assertThat(schemes.get("hmac")).isNull();
		assertThat(schemes.get("unknown")).isNull();
	}

	@Test
	void addsCustomSchemes() {
		SignatureScheme custom = new NamedScheme("acme");
		SignatureSchemes schemes = new SignatureSchemes(List.of(custom));
		assertThat(schemes.get("acme")).isSameAs(custom);
		assertThat(schemes.names()).hasSize(8).endsWith("acme");
	}

	@Test
	void customSchemeReplacesBuiltInOfSameName() {
		SignatureScheme custom = new NamedScheme("github");
		SignatureSchemes schemes = new SignatureSchemes(List.of(custom));
		assertThat(schemes.get("github")).isSameAs(custom);
		assertThat(schemes.names()).hasSize(7);
	}

	@Test
	void customSchemesWithSameNameFail() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SignatureSchemes(List.of(new NamedScheme("acme"), new NamedScheme("acme"))))
			.withMessage("Several custom signature schemes are named 'acme'");
	}

	@Test
	void namesAreReadOnly() {
		SignatureSchemes schemes = new SignatureSchemes(List.of());
		assertThat(schemes.names()).isUnmodifiable();
	}

	private record NamedScheme(String name) implements SignatureScheme {

		@Override
		public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
			return new HttpHeaders();
		}

		@Override
		public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
				Duration tolerance) {
			return SignatureVerification.INVALID;
		}

	}

}
