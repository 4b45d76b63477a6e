package io.github.webhookstarter.actuate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} of the {@link WebhooksEndpoint}: an
 * operation on an unknown endpoint, delivery, call or event type answers {@code 404 Not Found}, rather
 * than {@code 204 No Content}.
 *
 * @author Webhook Starter team
 */
@EndpointWebExtension(endpoint = WebhooksEndpoint.class)
public class WebhooksEndpointWebExtension {

	private final WebhooksEndpoint delegate;

	/**
	 * Create an extension.
	 * @param delegate the endpoint it extends
	 */
	public WebhooksEndpointWebExtension(WebhooksEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Operate on an item, as {@link WebhooksEndpoint#operate} does.
	 * @param kind the kind of item
	 * @param id the name or id of the item
	 * @param action the action
	 * @param reason why an endpoint is disabled
	 * @param since the creation time of the earliest failed delivery to recover
	 * @param data the payload of a triggered event, as JSON
	 * @param endpoint the one endpoint a triggered event is sent to
	 * @return the result, {@code 404} if there is no such item or action
	 */
	@WriteOperation
	public WebEndpointResponse<Object> operate(@Selector String kind, @Selector String id, @Selector String action,
			@Nullable String reason, @Nullable String since, @Nullable String data,
			@Nullable String endpoint) {
		Object result = this.delegate.operate(kind, id, action, reason, since, data, endpoint);
		return (result != null) ? new WebEndpointResponse<>(result) : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
