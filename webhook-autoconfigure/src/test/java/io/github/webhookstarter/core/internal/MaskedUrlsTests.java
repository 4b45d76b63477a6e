package io.github.webhookstarter.core.internal;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MaskedUrls}.
 */
class MaskedUrlsTests {

	@Test
	void masksUserInfoAndQueryOfUrls() {
		assertThat(MaskedUrls.mask(URI.create("https://u:p@example.com:8443/hooks?token=t#f")))
			.isEqualTo("https://******@example.com:8443/hooks?******");
		assertThat(MaskedUrls.mask(URI.create("http://example.com/hooks"))).isEqualTo("http://example.com/hooks");
		assertThat(MaskedUrls.mask(URI.create("mailto:a@example.com"))).isEqualTo("mailto:******");
	}

	@Test
	void masksUserInfoInMessages() {
		assertThat(MaskedUrls.maskUserInfo("Connect to https://u:p@example.com/x failed"))
			.isEqualTo("Connect to https://******@example.com/x failed");
		assertThat(MaskedUrls.maskUserInfo("HTTP 503")).isEqualTo("HTTP 503");
		assertThat(MaskedUrls.maskUserInfo(null)).isNull();
	}

}
