package io.github.webhookstarter.autoconfigure.inbound;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import io.github.webhookstarter.autoconfigure.BackoffProperties;
import io.github.webhookstarter.inbound.InboundMode;

/**
 * Properties of the inbound side: the endpoint that receives webhooks.
 *
 * @author Webhook Starter team
 */
@ConfigurationProperties("webhook.inbound")
public class WebhookInboundProperties {

	/**
	 * Whether to receive webhooks.
	 */
	private boolean enabled = true;

	/**
	 * Path under which each source answers, at "{path}/{source}".
	 */
	private String path = "/webhooks";

	/**
	 * Maximum size of a request body as received on the wire.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(1);

	/**
	 * Maximum size of a request body after br, gzip or deflate decoding.
	 */
	private DataSize maxDecodedSize = DataSize.ofMegabytes(10);

	/**
	 * Maximum ratio of decoded to received body size, for every content encoding alike.
	 */
	private double maxInflateRatio = 100;

	/**
	 * Maximum time a request body may take to arrive, however slowly it trickles in.
	 */
	private Duration bodyTimeout = Duration.ofSeconds(10);

	/**
	 * How received webhooks are dispatched to listeners: stored and answered 202 before
	 * dispatch, or dispatched before answering 200.
	 */
	private InboundMode mode = InboundMode.ASYNC;

	/**
	 * Maximum number of stored webhooks dispatched to listeners at the same time, in
	 * async mode.
	 */
	private int concurrency = 4;

	/**
	 * How often stored webhooks that are due for a retry are looked for, in async mode.
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	/**
	 * How long a worker's claim of a stored call holds before another worker may claim it
	 * again, should the first have died. Renewed while the listeners run.
	 */
	private Duration lease = Duration.ofMinutes(5);

	/**
	 * Retries of listeners that fail in async mode.
	 */
	@NestedConfigurationProperty
	private final BackoffProperties backoff = new BackoffProperties();

	/**
	 * In-memory store of received webhooks, the default when the application has no DataSource.
	 */
	private final Memory memory = new Memory();

	/**
	 * Sources of webhooks, by name.
	 */
	private final Map<String, WebhookSourceProperties> sources = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public DataSize getMaxDecodedSize() {
		return this.maxDecodedSize;
	}

	public void setMaxDecodedSize(DataSize maxDecodedSize) {
		this.maxDecodedSize = maxDecodedSize;
	}

	public double getMaxInflateRatio() {
		return this.maxInflateRatio;
	}

	public void setMaxInflateRatio(double maxInflateRatio) {
		this.maxInflateRatio = maxInflateRatio;
	}

	public Duration getBodyTimeout() {
		return this.bodyTimeout;
	}

	public void setBodyTimeout(Duration bodyTimeout) {
		this.bodyTimeout = bodyTimeout;
	}

	public InboundMode getMode() {
		return this.mode;
	}

	public void setMode(InboundMode mode) {
		this.mode = mode;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getLease() {
		return this.lease;
	}

	public void setLease(Duration lease) {
		this.lease = lease;
	}

	public BackoffProperties getBackoff() {
		return this.backoff;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public Map<String, WebhookSourceProperties> getSources() {
		return this.sources;
	}

	/**
	 * Properties of the in-memory store of received webhooks.
	 */
	public static class Memory {

		/**
		 * Maximum number of received webhooks kept in memory. Processed ones are forgotten,
		 * oldest first, to make room, and their webhook ids with them, so that a later call
		 * repeating such an id is no longer a duplicate. When all are pending, in flight or
		 * failed, further webhooks are answered 503 with a Retry-After header.
		 */
		private int maxCalls = 10_000;

		public int getMaxCalls() {
			return this.maxCalls;
		}

		public void setMaxCalls(int maxCalls) {
			this.maxCalls = maxCalls;
		}

	}

}
