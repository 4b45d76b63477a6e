package io.github.webhookstarter.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.webhookstarter.WebhookEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the outbound event types of the application: the types in its auto-configuration
 * packages annotated with {@link WebhookEvent @WebhookEvent}. Types whose methods alone are
 * annotated are inbound listeners, not event types, and are not found.
 *
 * @author Webhook Starter team
 */
final class WebhookEventTypeScanner {

	private static final Log logger = LogFactory.getLog(WebhookEventTypeScanner.class);

	private WebhookEventTypeScanner() {
	}

	/**
	 * Scan the auto-configuration packages of an application.
	 * @param context the application context
	 * @return the payload class of every event type found, by event type
	 */
	static Map<String, Class<?>> scan(ApplicationContext context) {
		Map<String, Class<?>> types = new LinkedHashMap<>();
		if (!AutoConfigurationPackages.has(context)) {
			return types;
		}
		List<String> packages = AutoConfigurationPackages.get(context);
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				context.getEnvironment()) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				// records, classes, nested types; not interfaces or abstract classes
				return definition.getMetadata().isIndependent() && definition.getMetadata().isConcrete();
			}

		};
		scanner.setResourceLoader(context);
		// on the type itself, not on a method only
		scanner.addIncludeFilter(new AnnotationTypeFilter(WebhookEvent.class, false));
		for (String packageName : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(packageName)) {
				String className = candidate.getBeanClassName();
				if (className == null) {
					continue;
				}
				try {
					Class<?> type = ClassUtils.forName(className, context.getClassLoader());
					WebhookEvent event = AnnotationUtils.findAnnotation(type, WebhookEvent.class);
					if (event != null) {
						types.putIfAbsent(event.value(), type);
					}
				}
				catch (ClassNotFoundException | LinkageError ex) {
					logger.debug("Skipped webhook event type " + className + ": " + ex);
				}
			}
		}
		return types;
	}

}
