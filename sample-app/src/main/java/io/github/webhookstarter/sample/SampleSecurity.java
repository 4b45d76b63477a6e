package io.github.webhookstarter.sample;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.github.webhookstarter.autoconfigure.subscription.WebhookSubscriptionsProperties;

/**
 * The sample's security: its demo users over HTTP Basic, {@code alice} and {@code bob} for the
 * subscriptions API, each seeing only their own subscriptions, and {@code admin} for the
 * {@code webhooks} actuator endpoint. The webhook sources' paths are not here: the starter
 * adds a filter chain of its own for them, ordered before this one, since webhooks are
 * authenticated by their signature.
 *
 * @author Webhook Starter team
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurity {

	@Bean
	SecurityFilterChain sampleSecurityFilterChain(HttpSecurity http, WebhookSubscriptionsProperties subscriptions)
			throws Exception {
		String subscriptionsPath = subscriptions.getPath();
		return http
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
				// the webhooks endpoint's write operations too: they retry, replay, disable, recover
				.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole("ADMIN")
				.requestMatchers(subscriptionsPath, subscriptionsPath + "/**").hasRole("USER")
				// open so that the demo's order is one curl; a real shop would authenticate it
				.requestMatchers(HttpMethod.POST, "/orders").permitAll()
				// so that an error, such as a 400 for a malformed order, is answered with its body
				.requestMatchers("/error").permitAll()
				.anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			// a JSON API authenticated on every request: no session, so no CSRF to guard against
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	// demo users with their passwords in clear ({noop}): use your own user store, with hashed passwords
	@Bean
	InMemoryUserDetailsManager sampleUsers() {
		return new InMemoryUserDetailsManager(
				User.withUsername("alice").password("{noop}alice-password").roles("USER").build(),
				User.withUsername("bob").password("{noop}bob-password").roles("USER").build(),
				User.withUsername("admin").password("{noop}admin-password").roles("ADMIN").build());
	}

}
