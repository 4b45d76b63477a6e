package io.github.webhookstarter.autoconfigure.inbound;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import io.github.webhookstarter.autoconfigure.InvalidWebhookConfigurationException;
import io.github.webhookstarter.inbound.WebhookSource;
import io.github.webhookstarter.inbound.WebhookSources;

/**
 * Fails startup with an {@link InvalidWebhookConfigurationException} when a handler method of
 * the application could take the {@code POST} requests of a webhook source: its mapping comes
 * before the webhook handler's, so the source would silently receive nothing there, and the
 * webhook security filter chain would let anonymous requests through to the handler method.
 * <p>
 * It runs once the handler mappings have registered their handler methods.
 *
 * @author Webhook Starter team
 */
final class WebhookPathCollisionCheck implements SmartInitializingSingleton {

	private static final String ERROR_CONTROLLER_CLASS_NAME = "org.springframework.boot.webmvc.error.ErrorController";

	private final WebhookSources sources;

	private final ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings;

	private final @Nullable Class<?> errorControllerType;

	WebhookPathCollisionCheck(WebhookSources sources, ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings,
			@Nullable ClassLoader classLoader) {
		this.sources = sources;
		this.handlerMappings = handlerMappings;
		this.errorControllerType = ClassUtils.isPresent(ERROR_CONTROLLER_CLASS_NAME, classLoader)
				? ClassUtils.resolveClassName(ERROR_CONTROLLER_CLASS_NAME, classLoader) : null;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.handlerMappings.orderedStream()
			.forEach((handlerMapping) -> handlerMapping.getHandlerMethods().forEach(this::check));
	}

	private void check(RequestMappingInfo mapping, HandlerMethod handlerMethod) {
		// mappings that use the deprecated AntPathMatcher have no path patterns to compare
		PathPatternsRequestCondition patterns = mapping.getPathPatternsCondition();
		if (patterns == null || !takesPost(mapping) || isErrorController(handlerMethod)) {
			return;
		}
		for (PathPattern pattern : patterns.getPatterns()) {
			List<WebhookSource> collisions = this.sources.findSourcesMatchedBy(pattern);
			if (!collisions.isEmpty()) {
				throw collision(collisions.get(0), handlerMethod, pattern);
			}
		}
	}

	private static boolean takesPost(RequestMappingInfo mapping) {
		Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
		return methods.isEmpty() || methods.contains(RequestMethod.POST);
	}

	// an ErrorController, such as Spring Boot's at "/error", answers error dispatches, not requests
	// meant for a webhook; counting it would rule out a source at "/" with its event type in the path
	private boolean isErrorController(HandlerMethod handlerMethod) {
		return this.errorControllerType != null
				&& this.errorControllerType.isAssignableFrom(handlerMethod.getBeanType());
	}

	private static InvalidWebhookConfigurationException collision(WebhookSource source, HandlerMethod handlerMethod,
			PathPattern pattern) {
		String paths = "'" + source.path() + "'"
				+ (source.eventTypeLocation().isPath() ? " and one path segment below it" : "");
		return new InvalidWebhookConfigurationException("Webhook source '" + source.name() + "'",
				"it receives at " + paths + ", but handler method " + handlerMethod + " mapped to '" + pattern
						+ "' takes POST requests there first",
				"Move one of them: set 'webhook.inbound.sources." + source.name()
						+ ".path' to a path no handler method is mapped to, or change the mapping of " + handlerMethod
						+ " so that it does not match " + paths + ".");
	}

}
