package io.github.webhookstarter.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

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

	@Test
	void applicationHandlerOnWebhookPathIsExplained(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(CollidingApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "webhook.inbound.sources.github.signature=github",
					"webhook.inbound.sources.github.secret=s3cret");
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Webhook source 'github': it receives at '/webhooks/github', but handler method "
					+ CollidingApplication.class.getName() + "#github() mapped to '/webhooks/github'")
			.contains("set 'webhook.inbound.sources.github.path'");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class CollidingApplication {

		@PostMapping("/webhooks/github")
		String github() {
			return "github";
		}

	}

}
