package io.github.webhookstarter.autoconfigure.store;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
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
 * An application whose PostgreSQL database does not exist stops with a report that names the
 * database and how to create it, run against the server of {@code WEBHOOK_TEST_POSTGRES_URL}.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingDatabaseFailureAnalyzerIntegrationTests {

	private static final String POSTGRES_URL_VARIABLE = "WEBHOOK_TEST_POSTGRES_URL";

	private static final Pattern DATABASE = Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]*)(.*)");

	@Test
	void missingPostgresqlDatabaseIsExplained(CapturedOutput output) {
		String url = System.getenv(POSTGRES_URL_VARIABLE);
		Assumptions.assumeTrue(url != null && !url.isBlank(), () -> "Set " + POSTGRES_URL_VARIABLE
				+ " (such as jdbc:postgresql://127.0.0.1:5432/webhook_test?user=postgres) to run against PostgreSQL");
		Matcher matcher = DATABASE.matcher(url);
		assertThat(matcher.matches()).as("%s names a database", POSTGRES_URL_VARIABLE).isTrue();
		String missing = "webhook_missing_" + UUID.randomUUID().toString().replace("-", "");
		SpringApplicationBuilder application = new SpringApplicationBuilder(TestApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + matcher.group(1) + missing + matcher.group(3));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Database '" + missing + "' does not exist on the PostgreSQL server at ")
			.containsPattern("\tcreatedb -h \\S+ .*" + missing)
			.doesNotContain("Application run failed");
		Matcher password = Pattern.compile("[?&]password=([^&]+)").matcher(url);
		if (password.find()) {
			assertThat(output).doesNotContain(password.group(1));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
