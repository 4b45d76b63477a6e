package io.github.webhookstarter.sample;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.webhookstarter.outbound.WebhookEndpoint;
import io.github.webhookstarter.signing.StandardWebhooksSignatureScheme;

/**
 * Delivers the sample's own order events to its {@code orders} source, so that a signed
 * webhook goes out and comes back in one run. It is a bean rather than an entry of
 * {@code webhook.outbound.endpoints}, so that endpoints given on the command line, such as
 * {@code --webhook.outbound.endpoints[0].url=...}, are added to it instead of replacing it.
 *
 * @author Webhook Starter team
 */
@Configuration(proxyBeanMethods = false)
class SelfDelivery {

	@Bean
	WebhookEndpoint selfEndpoint(@Value("${server.port:8080}") int port,
			@Value("${webhook.inbound.sources.orders.secret}") String secret) {
		return WebhookEndpoint.builder("self", URI.create("http://localhost:" + port + "/webhooks/orders"))
			.description("The sample's own orders source")
			.events("order.*")
			.signature(new StandardWebhooksSignatureScheme(), secret)
			.build();
	}

}
