package io.github.webhookstarter.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A misconfigured source stops the application with a report that says what to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidWebhookConfigurationFailureAnalyzerIntegrationTests {

	@Test
	void startupFailureIsExplained(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "webhook.inbound.sources.partner.signature=github");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Webhook source 'partner': signature 'github' is configured without a secret")
			.contains("Set 'webhook.inbound.sources.partner.secret'");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
