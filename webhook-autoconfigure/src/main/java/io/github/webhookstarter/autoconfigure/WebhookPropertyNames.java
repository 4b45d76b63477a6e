package io.github.webhookstarter.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import io.github.webhookstarter.autoconfigure.inbound.WebhookInboundProperties;
import io.github.webhookstarter.autoconfigure.outbound.WebhookOutboundProperties;
import io.github.webhookstarter.autoconfigure.store.WebhookJdbcProperties;
import io.github.webhookstarter.autoconfigure.subscription.WebhookSubscriptionsProperties;

/**
 * The names of the properties under {@code webhook}, derived from the JavaBean properties of
 * {@link WebhookProperties}, {@link WebhookInboundProperties},
 * {@link WebhookOutboundProperties}, {@link WebhookSubscriptionsProperties} and
 * {@link WebhookJdbcProperties} as the binder sees
 * them, so that they follow every property added. The key of a map (such as the name of a source) and
 * the index of a list are free, and so is every name below a map of plain values (such as
 * the headers of an endpoint). Names compare in their uniform form, as the binder compares
 * them, so relaxed forms such as {@code maxBodySize} or {@code max_body_size} are valid.
 *
 * @author Webhook Starter team
 */
final class WebhookPropertyNames {

	static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("webhook");

	private static final String DATABASE_INITIALIZATION_PROPERTIES = "org.springframework.boot.jdbc.init.DatabaseInitializationProperties";

	private static final ConfigurationPropertyName FIRST_INDEX = ConfigurationPropertyName.of("[0]");

	private final Node root = new Node(ROOT.toString());

	WebhookPropertyNames(@Nullable ClassLoader classLoader) {
		addProperties(this.root, WebhookProperties.class);
		addProperties(this.root.child("inbound"), WebhookInboundProperties.class);
		addProperties(this.root.child("outbound"), WebhookOutboundProperties.class);
		addProperties(this.root.child("subscriptions"), WebhookSubscriptionsProperties.class);
		Node jdbc = this.root.child("jdbc");
		if (ClassUtils.isPresent(DATABASE_INITIALIZATION_PROPERTIES, classLoader)) {
			addProperties(jdbc, WebhookJdbcProperties.class);
		}
		else {
			// without spring-boot-jdbc the JDBC store cannot be used, but configuration shared with
			// applications that use it may still set its properties
			jdbc.free = true;
		}
	}

	/**
	 * Return whether a name under {@code webhook} is the name of a property or of a group of
	 * properties.
	 * @param name the name
	 * @return whether it is valid
	 */
	boolean isValid(ConfigurationPropertyName name) {
		return nearest(name).equals(name);
	}

	/**
	 * Return the valid name nearest to a name under {@code webhook}: the name itself if it is
	 * valid, else the name with each element that is not valid where it stands replaced by the
	 * valid one with the fewest edits, and without the elements below a property that has
	 * none.
	 * @param name the name
	 * @return the nearest valid name
	 */
	ConfigurationPropertyName nearest(ConfigurationPropertyName name) {
		Node node = this.root;
		ConfigurationPropertyName nearest = ROOT;
		int index = ROOT.getNumberOfElements();
		while (index < name.getNumberOfElements()) {
			if (node.free) {
				return nearest.append(name.subName(index));
			}
			String element = name.getElement(index, Form.UNIFORM);
			if (node.anyElement != null) {
				if (node.listIndex && !isDigits(element)) {
					// an endpoint written as a map instead of a list item
					nearest = nearest.append(FIRST_INDEX);
				}
				else {
					nearest = nearest.append(name.subName(index).chop(1));
					index++;
				}
				node = node.anyElement;
			}
			else if (node.children.isEmpty()) {
				return nearest;
			}
			else {
				node = node.nearestChild(element);
				nearest = nearest.append(node.name);
				index++;
			}
		}
		return nearest;
	}

	private static void addProperties(Node node, Class<?> type) {
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			Method getter = property.getReadMethod();
			if (getter == null || getter.getDeclaringClass() == Object.class) {
				continue;
			}
			ResolvableType propertyType = ResolvableType.forMethodReturnType(getter, type);
			// without a setter, the binder can only fill in a value the getter returns
			if (property.getWriteMethod() != null || isFilledInPlace(propertyType.resolve(Object.class))) {
				addValue(node.child(DataObjectPropertyName.toDashedForm(property.getName())), propertyType);
			}
		}
	}

	private static void addValue(Node node, ResolvableType type) {
		Class<?> rawType = type.resolve(Object.class);
		if (Map.class.isAssignableFrom(rawType)) {
			ResolvableType valueType = type.asMap().getGeneric(1);
			if (isNested(valueType.resolve(Object.class))) {
				addProperties(node.anyElement(false), valueType.resolve(Object.class));
			}
			else {
				node.free = true;
			}
		}
		else if (Collection.class.isAssignableFrom(rawType)) {
			ResolvableType elementType = type.asCollection().getGeneric(0);
			Node element = node.anyElement(true);
			if (isNested(elementType.resolve(Object.class))) {
				addProperties(element, elementType.resolve(Object.class));
			}
		}
		else if (isNested(rawType)) {
			addProperties(node, rawType);
		}
	}

	private static boolean isFilledInPlace(Class<?> type) {
		return Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type) || isNested(type);
	}

	// a class of this package or below, declared in a properties class (the configuration
	// processor's rule) or shared by several (such as BackoffProperties), is a group of
	// properties, unless it is an enum
	private static boolean isNested(Class<?> type) {
		return type.getName().startsWith(WebhookPropertyNames.class.getPackageName() + ".") && !type.isEnum();
	}

	private static boolean isDigits(String element) {
		return !element.isEmpty() && element.chars().allMatch(Character::isDigit);
	}

	private static int editDistance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	/**
	 * A property or group of properties, with what may follow its name.
	 */
	private static final class Node {

		private final String name;

		/**
		 * The properties of a group, by the uniform form of their names.
		 */
		private final Map<String, Node> children = new LinkedHashMap<>();

		/**
		 * What follows any key of a map, or any index of a list.
		 */
		private @Nullable Node anyElement;

		private boolean listIndex;

		/**
		 * Whether every name below is valid.
		 */
		private boolean free;

		private Node(String name) {
			this.name = name;
		}

		private Node child(String dashedName) {
			return this.children.computeIfAbsent(dashedName.replace("-", ""), (uniformName) -> new Node(dashedName));
		}

		private Node anyElement(boolean listIndex) {
			this.listIndex = listIndex;
			this.anyElement = new Node("*");
			return this.anyElement;
		}

		private Node nearestChild(String uniformName) {
			return this.children.entrySet()
				.stream()
				.min(Comparator.comparingInt((child) -> editDistance(uniformName, child.getKey())))
				.orElseThrow()
				.getValue();
		}

	}

}
