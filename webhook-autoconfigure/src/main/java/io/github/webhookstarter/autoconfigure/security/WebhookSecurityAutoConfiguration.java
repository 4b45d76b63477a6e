package io.github.webhookstarter.autoconfigure.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundAutoConfiguration;
import io.github.webhookstarter.inbound.WebhookSources;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * that lets webhooks through Spring Security: a stateless {@link SecurityFilterChain} without
 * CSRF protection for {@code POST} requests to the paths the webhook sources receive at
 * ({@link WebhookSources#getSourcePathPatterns()}), ordered before the application's own
 * chains. Webhooks are authenticated by their signature or authenticator instead. The chain
 * covers no other path, not even the rest of the webhook base path, so that it cannot open a
 * handler of the application; a handler mapped to a source's path fails startup instead.
 * <p>
 * It runs after Spring Boot's web security auto-configurations so that their default chain,
 * which backs off when any chain exists, still protects the rest of the application.
 *
 * @author Webhook Starter team
 */
@AutoConfiguration(after = WebhookInboundAutoConfiguration.class,
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
@ConditionalOnBean({ WebhookSources.class, HttpSecurity.class })
public final class WebhookSecurityAutoConfiguration {

	/**
	 * Order of the webhook security filter chain.
	 */
	public static final int SECURITY_FILTER_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	@Order(SECURITY_FILTER_CHAIN_ORDER)
	SecurityFilterChain webhookSecurityFilterChain(HttpSecurity http, WebhookSources sources) throws Exception {
		RequestMatcher[] matchers = sources.getSourcePathPatterns()
			.stream()
			.map((pattern) -> PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, pattern))
			.toArray(RequestMatcher[]::new);
		// without a source no request may bypass the application's chains
		RequestMatcher webhookRequests = (matchers.length > 0) ? new OrRequestMatcher(matchers) : (request) -> false;
		return http.securityMatcher(webhookRequests)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.build();
	}

}
