package io.github.webhookstarter.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Fails startup with an {@link InvalidWebhookConfigurationException} when a property under
 * {@code webhook} is not one of the {@link WebhookPropertyNames}, naming each such key, where
 * it comes from and the valid name nearest to it: the binder ignores a misspelled key, so a
 * misspelled limit or secret would otherwise go unnoticed.
 * <p>
 * It runs once the first of the properties under {@code webhook} ({@link WebhookProperties},
 * {@code WebhookInboundProperties}, {@code WebhookOutboundProperties},
 * {@code WebhookJdbcProperties}) is bound, before the sources and endpoints are built from
 * them, so that a misspelled key is reported rather than what its absence breaks.
 * <p>
 * Public so that the auto-configuration of each feature can import it.
 *
 * @author Webhook Starter team
 */
public final class UnknownWebhookPropertiesCheck implements BeanPostProcessor {

	private final Environment environment;

	// like Boot's check of unknown fields, environment variables and system properties are left
	// out: they belong to the whole machine, where WEBHOOK_URL may well mean something else
	private final UnboundElementsSourceFilter sourceFilter = new UnboundElementsSourceFilter();

	private boolean checked;

	UnknownWebhookPropertiesCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!this.checked && isWebhookProperties(bean.getClass())) {
			this.checked = true;
			check(new WebhookPropertyNames(bean.getClass().getClassLoader()));
		}
		return bean;
	}

	// by its prefix rather than its type, which may need a library the application lacks
	// (WebhookJdbcProperties needs spring-boot-jdbc)
	private static boolean isWebhookProperties(Class<?> type) {
		ConfigurationProperties annotation = AnnotationUtils.findAnnotation(type, ConfigurationProperties.class);
		if (annotation == null) {
			return false;
		}
		String prefix = annotation.prefix();
		return prefix.equals(WebhookPropertyNames.ROOT.toString())
				|| prefix.startsWith(WebhookPropertyNames.ROOT + ".");
	}

	private void check(WebhookPropertyNames names) {
		Map<ConfigurationPropertyName, String> unknown = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable && this.sourceFilter.apply(source)) {
				iterable.stream()
					.filter((name) -> WebhookPropertyNames.ROOT.isAncestorOf(name) && !names.isValid(name))
					.forEach((name) -> unknown.computeIfAbsent(name,
							(key) -> "'" + key + "' in " + origin(source, key) + ", did you mean '"
									+ names.nearest(key) + "'?"));
			}
		}
		if (!unknown.isEmpty()) {
			throw new InvalidWebhookConfigurationException("Webhook configuration",
					(unknown.size() == 1) ? "unknown property " + unknown.values().iterator().next()
							: unknown.values().stream().collect(Collectors.joining("\n\t", "unknown properties\n\t", "")),
					(unknown.size() == 1) ? "Correct the key, or remove it." : "Correct each key, or remove it.");
		}
	}

	private static String origin(ConfigurationPropertySource source, ConfigurationPropertyName name) {
		ConfigurationProperty property = source.getConfigurationProperty(name);
		Origin origin = (property != null) ? property.getOrigin() : null;
		if (origin instanceof PropertySourceOrigin propertySourceOrigin && propertySourceOrigin.getOrigin() == null) {
			return "property source '" + propertySourceOrigin.getPropertySource().getName() + "'";
		}
		if (origin != null) {
			return origin.toString();
		}
		return (source.getUnderlyingSource() instanceof PropertySource<?> propertySource)
				? "property source '" + propertySource.getName() + "'" : source.toString();
	}

}
