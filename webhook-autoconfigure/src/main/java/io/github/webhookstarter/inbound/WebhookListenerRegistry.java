package io.github.webhookstarter.inbound;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

import io.github.webhookstarter.WebhookEvent;
import io.github.webhookstarter.core.internal.EventTypes;

/**
 * Finds the bean methods annotated with {@link WebhookEvent} once all singletons exist, and
 * returns those that listen to a received webhook.
 * <p>
 * Not API: public so that the auto-configuration can create it, which backs off when the
 * application defines a bean of this type; applications do not call it.
 *
 * @author Webhook Starter team
 */
public final class WebhookListenerRegistry implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(WebhookListenerRegistry.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final JsonMapper jsonMapper;

	private volatile List<WebhookListenerMethod> listeners = List.of();

	/**
	 * Create a registry of the listeners of a bean factory.
	 * @param beanFactory the bean factory whose beans are searched for listener methods
	 * @param jsonMapper the mapper that converts payloads to listener parameter types
	 */
	public WebhookListenerRegistry(ConfigurableListableBeanFactory beanFactory, JsonMapper jsonMapper) {
		this.beanFactory = beanFactory;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<WebhookListenerMethod> found = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(Object.class, false, false)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = AutoProxyUtils.determineTargetClass(this.beanFactory, beanName);
			if (type == null) {
				continue;
			}
			Map<Method, WebhookEvent> methods = MethodIntrospector.selectMethods(type,
					(MethodIntrospector.MetadataLookup<WebhookEvent>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, WebhookEvent.class));
			methods.forEach((method, annotation) -> found
				.add(new WebhookListenerMethod(beanName, type, method, annotation, this.jsonMapper)));
		}
		this.listeners = List.copyOf(found);
		if (logger.isDebugEnabled()) {
			logger.debug("Found " + found.size() + " @WebhookEvent listener method(s): " + found);
		}
	}

	/**
	 * Return the listeners of a webhook, in the order they were found.
	 * @param source the source the webhook arrived at
	 * @param eventType its event type
	 * @return the matching listeners
	 */
	List<WebhookListenerMethod> getListeners(String source, String eventType) {
		return this.listeners.stream().filter((listener) -> listens(listener, source, eventType)).toList();
	}

	/**
	 * Return whether any listener listens to a webhook.
	 * @param source the source the webhook arrived at
	 * @param eventType its event type
	 * @return whether it has listeners
	 */
	boolean hasListeners(String source, String eventType) {
		return this.listeners.stream().anyMatch((listener) -> listens(listener, source, eventType));
	}

	/**
	 * Return whether a listener of a webhook reads the JSON tree of its body.
	 * @param source the source the webhook arrived at
	 * @param eventType its event type
	 * @return whether a listener takes the body parsed
	 */
	boolean needsJsonTree(String source, String eventType) {
		return this.listeners.stream()
			.anyMatch((listener) -> listener.readsJsonTree() && listens(listener, source, eventType));
	}

	/**
	 * Run the listeners of a webhook that have not succeeded for it yet, one after the other;
	 * one that fails does not keep the others from running. While they run, the request's
	 * authentication, if any, is the security context.
	 * @param request the webhook
	 * @param completedListeners the ids of the listeners that already succeeded for it, which
	 * are not run again
	 * @return what came of it
	 */
	ListenerDispatch dispatch(WebhookRequest request, Set<String> completedListeners) {
		List<WebhookListenerMethod> listeners = getListeners(request.getSource(), request.getEventType());
		if (listeners.isEmpty()) {
			logger.debug("No @WebhookEvent listener for " + request);
		}
		Set<String> completed = new LinkedHashSet<>(completedListeners);
		List<ListenerDispatch.Failure> failures = new ArrayList<>();
		try (AuthenticationScope scope = AuthenticationScope.of(request.getAuthentication())) {
			for (WebhookListenerMethod listener : listeners) {
				if (completed.contains(listener.id())) {
					continue;
				}
				try {
					listener.invoke(this.beanFactory, request);
					completed.add(listener.id());
				}
				catch (Exception ex) {
					failures.add(new ListenerDispatch.Failure(listener, ex));
				}
			}
		}
		return new ListenerDispatch(Collections.unmodifiableSet(completed), List.copyOf(failures));
	}

	private static boolean listens(WebhookListenerMethod listener, String source, String eventType) {
		return (listener.source().isEmpty() || listener.source().equals(source))
				&& EventTypes.matches(listener.eventType(), eventType);
	}

}
