package io.github.webhookstarter.store.jdbc;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * One instance of an application that delivers webhooks from a shared database, run in a JVM of
 * its own by {@link MultiInstanceCrashTests} and {@link PausedInstanceTests}.
 */
@SpringBootApplication
public class CrashTestInstance {

	/**
	 * Run until killed.
	 * @param args the database URL, the receiver URL, optionally the endpoint's timeout (2 s by
	 * default), then any other properties as {@code --name=value}
	 */
	public static void main(String[] args) {
		new SpringApplicationBuilder(CrashTestInstance.class).web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + args[0], "webhook.store=jdbc", "webhook.jdbc.initialize-schema=never",
					"webhook.outbound.poll-interval=100ms", "webhook.outbound.max-concurrency=16",
					"webhook.outbound.endpoints[0].name=receiver", "webhook.outbound.endpoints[0].url=" + args[1],
					"webhook.outbound.endpoints[0].timeout=" + ((args.length > 2) ? args[2] : "2s"),
					"webhook.outbound.endpoints[0].secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
					"logging.level.root=warn", "spring.main.banner-mode=off")
			.run(args);
	}

}
