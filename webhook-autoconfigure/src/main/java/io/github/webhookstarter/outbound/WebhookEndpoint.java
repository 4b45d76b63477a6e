package io.github.webhookstarter.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.backoff.BackOff;

import io.github.webhookstarter.signing.Secret;
import io.github.webhookstarter.signing.SignatureScheme;

/**
 * An endpoint that webhooks are delivered to.
 *
 * @param name the unique name of the endpoint
 * @param description what the endpoint is for, or {@code null}
 * @param url where webhooks are sent
 * @param events the events the endpoint subscribes to
 * @param signatureScheme how webhooks to it are signed
 * @param secrets the secrets they are signed with, newest first
 * @param headers headers added to every request
 * @param timeout how long a request may take, connecting included
 * @param backOff when failed attempts are retried, or {@code null} for a single attempt
 * @param compression how bodies are compressed
 * @param ordered whether webhooks are delivered one at a time, in publish order
 * @param rateLimit the maximum number of requests per second, 0 for no limit
 * @param sslBundle the name of the SSL bundle of its connections, or {@code null}
 * @param proxy the HTTP proxy to connect through, or {@code null}
 * @param enabled whether webhooks are delivered to it
 * @author Webhook Starter team
 */
public record WebhookEndpoint(String name, @Nullable String description, URI url, List<EventSelector> events,
		SignatureScheme signatureScheme, List<Secret> secrets, HttpHeaders headers, Duration timeout,
		@Nullable BackOff backOff, Compression compression, boolean ordered, double rateLimit,
		@Nullable String sslBundle, @Nullable URI proxy, boolean enabled) {

	/**
	 * Return whether the endpoint subscribes to an event in a phase.
	 * @param phase the phase
	 * @param type the event type
	 * @return whether it subscribes
	 */
	public boolean subscribes(EventPhase phase, String type) {
		return this.events.stream().anyMatch((selector) -> selector.matches(phase, type));
	}

	@Override
	public String toString() {
		return "WebhookEndpoint{name='" + this.name + "', url=" + this.url + ", events=" + this.events + "}";
	}

}
