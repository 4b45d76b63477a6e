package io.github.webhookstarter.inbound;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Function;

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
public final class WebhookListenerMethod {

	private final String beanName;

	private final Method method;

	private final String eventType;

	private final String source;

	private final Function<WebhookRequest, Object>[] argumentResolvers;

	@SuppressWarnings("unchecked")
	WebhookListenerMethod(String beanName, Class<?> beanType, Method method, WebhookEvent annotation,
			JsonMapper jsonMapper) {
		this.beanName = beanName;
		this.method = AopUtils.selectInvocableMethod(method, beanType);
		ReflectionUtils.makeAccessible(this.method);
		this.eventType = annotation.value();
		this.source = annotation.source();
		this.argumentResolvers = new Function[method.getParameterCount()];
		boolean payload = false;
		for (int i = 0; i < this.argumentResolvers.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			Class<?> type = parameter.getParameterType();
			if (type == WebhookRequest.class) {
				this.argumentResolvers[i] = (request) -> request;
			}
			else if (type == JsonNode.class) {
				this.argumentResolvers[i] = WebhookRequest::getJson;
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
				this.argumentResolvers[i] = (request) -> jsonMapper.treeToValue(request.getJson(), payloadType);
			}
			else {
				throw new IllegalStateException("@WebhookEvent method " + method.toGenericString()
						+ " declares more than one payload parameter; declare at most one besides WebhookRequest, "
						+ "JsonNode, byte[] and String");
			}
		}
	}

	/**
	 * Return the event type or pattern the method listens to.
	 * @return the event type pattern
	 */
	public String eventType() {
		return this.eventType;
	}

	/**
	 * Return the source the method listens to.
	 * @return the source name, empty for every source
	 */
	public String source() {
		return this.source;
	}

	/**
	 * Return the listener method.
	 * @return the method
	 */
	public Method method() {
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

	@Override
	public String toString() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName() + "(" + this.eventType
				+ ((this.source.isEmpty()) ? "" : ", source=" + this.source) + ")";
	}

}
