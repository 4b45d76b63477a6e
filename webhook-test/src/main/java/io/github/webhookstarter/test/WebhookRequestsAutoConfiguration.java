package io.github.webhookstarter.test;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundAutoConfiguration;
import io.github.webhookstarter.inbound.WebhookSources;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of a {@link WebhookRequests} bean bound to the application's webhook sources, imported by
 * {@link AutoConfigureWebhookRequests}.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(after = WebhookInboundAutoConfiguration.class,
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBean(WebhookSources.class)
public final class WebhookRequestsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebhookRequests webhookRequests(WebhookSources sources, ObjectProvider<JsonMapper> jsonMapper) {
		return new WebhookRequests(sources, jsonMapper.getIfUnique(() -> JsonMapper.builder().build()));
	}

}
