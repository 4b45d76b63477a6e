package io.github.webhookstarter.inbound;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.MethodParameter;
import org.springframework.util.ReflectionUtils;

import io.github.webhookstarter.WebhookEvent;

/**
 * A bean method annotated with {@link WebhookEvent}, and how to call it with a received
 * webhook.
 *
 * @author Webhook Starter team
 */
final class WebhookListenerMethod {

	private static final Log logger = LogFactory.getLog(WebhookListenerMethod.class);

	private final String id;

	private final String beanName;

	private final Method method;

	private final String eventType;

	private final String source;

	private final Function<WebhookRequest, Object>[] argumentResolvers;

	private final AtomicBoolean warnedOfUnboundPayload = new AtomicBoolean();

	private final boolean readsJsonTree;

	@SuppressWarnings("unchecked")
	WebhookListenerMethod(String beanName, Class<?> beanType, Method method, WebhookEvent annotation,
			JsonMapper jsonMapper) {
		this.id = beanName + "." + method.getName() + Arrays.stream(method.getParameterTypes())
			.map(Class::getName)
			.collect(Collectors.joining(",", "(", ")"));
		this.beanName = beanName;
		this.method = AopUtils.selectInvocableMethod(method, beanType);
		ReflectionUtils.makeAccessible(this.method);
		this.eventType = annotation.value();
		this.source = annotation.source();
		this.argumentResolvers = new Function[method.getParameterCount()];
		boolean payload = false;
		boolean json = false;
		for (int i = 0; i < this.argumentResolvers.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			Class<?> type = parameter.getParameterType();
			if (type == WebhookRequest.class) {
				this.argumentResolvers[i] = (request) -> request;
			}
			else if (type == JsonNode.class) {
				this.argumentResolvers[i] = WebhookRequest::getJson;
				json = true;
			}
			else if (type == byte[].class) {
				this.argumentResolvers[i] = WebhookRequest::getBody;
			}
			else if (type == String.class) {
				this.argumentResolvers[i] = WebhookRequest::getBodyAsString;
			}
			else if (!payload) {
				payload = true;
				JavaType payloadType = jsonMapper.constructType(parameter.getGenericParameterType());
				this.argumentResolvers[i] = (request) -> convertPayload(request, payloadType, jsonMapper);
			}
			else {
				throw new IllegalStateException("@WebhookEvent method " + method.toGenericString()
						+ " declares more than one payload parameter; declare at most one besides WebhookRequest, "
						+ "JsonNode, byte[] and String");
			}
		}
		this.readsJsonTree = json || payload;
	}

	/**
	 * Return the id of the listener, unique among the listeners of an application and stable
	 * across its restarts: its bean name, method name and parameter types.
	 * @return the listener id
	 */
	String id() {
		return this.id;
	}

	/**
	 * Return the event type or pattern the method listens to.
	 * @return the event type pattern
	 */
	String eventType() {
		return this.eventType;
	}

	/**
	 * Return the source the method listens to.
	 * @return the source name, empty for every source
	 */
	String source() {
		return this.source;
	}

	/**
	 * Return whether the method takes the body parsed, as a {@link JsonNode} or a payload
	 * converted from it; a {@link WebhookRequest} parameter parses it only on demand.
	 * @return whether the method reads the JSON tree of the body
	 */
	boolean readsJsonTree() {
		return this.readsJsonTree;
	}

	/**
	 * Return the listener method.
	 * @return the method
	 */
	Method method() {
		return this.method;
	}

	void invoke(BeanFactory beanFactory, WebhookRequest request) throws Exception {
		Object[] arguments = new Object[this.argumentResolvers.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = this.argumentResolvers[i].apply(request);
		}
		Object bean = beanFactory.getBean(this.beanName);
		try {
			this.method.invoke(bean, arguments);
		}
		catch (InvocationTargetException ex) {
			ReflectionUtils.rethrowException(ex.getTargetException());
		}
	}

	private Object convertPayload(WebhookRequest request, JavaType type, JsonMapper jsonMapper) {
		JsonNode payload = request.getPayload();
		if (payload.isMissingNode()) {
			throw new WebhookPayloadException("The body has no payload at '" + request.getPayloadLocation()
					+ "' for the " + type.getRawClass().getSimpleName() + " parameter of " + this, null);
		}
		Object value;
		try {
			value = jsonMapper.treeToValue(payload, type);
		}
		catch (JacksonException ex) {
			throw new WebhookPayloadException("The payload cannot be converted to "
					+ type.getRawClass().getSimpleName() + " for " + this + ": " + ex.getOriginalMessage(), ex);
		}
		warnIfNothingBound(request, payload, value, type, jsonMapper);
		return value;
	}

	// unknown properties are ignored, so a payload of another shape binds silently to nulls
	private void warnIfNothingBound(WebhookRequest request, JsonNode payload, @Nullable Object value, JavaType type,
			JsonMapper jsonMapper) {
		if (this.warnedOfUnboundPayload.get() || !payload.isObject() || payload.isEmpty() || type.isContainerType()
				|| value == null) {
			return;
		}
		JsonNode bound = jsonMapper.valueToTree(value);
		if (bound.isObject() && bound.valueStream().allMatch(JsonNode::isNull)
				&& this.warnedOfUnboundPayload.compareAndSet(false, true)) {
			logger.warn("The payload of a webhook bound to no property of " + type.getRawClass().getName() + " for "
					+ this + ": its fields are all null. Check the type, or the source's 'payload' location ("
					+ request.getPayloadLocation() + ")");
		}
	}

	@Override
	public String toString() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName() + "(" + this.eventType
				+ ((this.source.isEmpty()) ? "" : ", source=" + this.source) + ")";
	}

}
