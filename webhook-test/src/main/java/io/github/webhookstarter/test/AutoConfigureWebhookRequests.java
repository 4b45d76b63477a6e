package io.github.webhookstarter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Annotation for a test class that wants a {@link WebhookRequests} bean bound to the
 * application's webhook sources, for {@code @SpringBootTest} and test slices alike. The
 * auto-configurations it imports are listed in
 * {@code META-INF/spring/io.github.webhookstarter.test.AutoConfigureWebhookRequests.imports},
 * as Spring Boot's own {@code @AutoConfigure...} annotations do.
 *
 * @author Webhook Starter team
 * @see WebhookRequestsAutoConfiguration
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureWebhookRequests {

}
