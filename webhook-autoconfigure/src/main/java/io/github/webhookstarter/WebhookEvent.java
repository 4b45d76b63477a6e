package io.github.webhookstarter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a webhook event.
 * <p>
 * On a bean method, the method is an inbound listener: it is called for every received webhook
 * whose event type matches {@link #value()} (with {@code *} wildcards, such as {@code order.*}
 * or {@code *}) and, if {@link #source()} is set, that arrived at that source. The method may
 * declare parameters of type {@link io.github.webhookstarter.inbound.WebhookRequest},
 * {@code tools.jackson.databind.JsonNode}, {@code byte[]} (the decoded body), {@code String}
 * (the decoded body as UTF-8) and at most one other type, to which the JSON payload is
 * converted by Jackson.
 * <pre class="code">
 * &#064;WebhookEvent(value = "push", source = "github")
 * void onPush(PushEvent event) { ... }
 * </pre>
 * On a type, it names the outbound event that instances of the type become when published as
 * Spring application events.
 *
 * @author Webhook Starter team
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebhookEvent {

	/**
	 * Event type: on a type, its name; on a listener method, the name or pattern of the event
	 * types it receives, {@code *} matching any characters.
	 * @return the event type or pattern
	 */
	String value();

	/**
	 * Name of the inbound source a listener method receives from; empty for every source.
	 * Ignored on types.
	 * @return the source name
	 */
	String source() default "";

}
