package io.github.webhookstarter.outbound;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a {@link UrlPolicy} refuses a URL, saying which rule refused it and, for an
 * address that is not public, which address. The message names the host or address, never
 * the user info, path or query of the URL.
 *
 * @author Webhook Starter team
 */
public class UrlPolicyViolationException extends RuntimeException {

	private final Rule rule;

	private final @Nullable InetAddress address;

	private final String reason;

	/**
	 * Create an exception.
	 * @param rule the rule that refused the URL
	 * @param address the address refused, or {@code null} if the URL was refused for another
	 * reason
	 * @param reason why, such as {@code "scheme 'http' is not https"}
	 */
	public UrlPolicyViolationException(Rule rule, @Nullable InetAddress address, String reason) {
		super("refused by the URL policy: " + reason);
		this.rule = rule;
		this.address = address;
		this.reason = reason;
	}

	/**
	 * Return the rule that refused the URL.
	 * @return the rule
	 */
	public Rule getRule() {
		return this.rule;
	}

	/**
	 * Return the address that was refused, for {@link Rule#PRIVATE_ADDRESS}.
	 * @return the address, or {@code null}
	 */
	public @Nullable InetAddress getAddress() {
		return this.address;
	}

	/**
	 * Return why the URL was refused, without the "refused by the URL policy" of the message.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * The rules of a {@link UrlPolicy}, each named after the property that relaxes it.
	 */
	public enum Rule {

		/**
		 * The scheme is neither http nor https, or http when only https is allowed.
		 */
		SCHEME("https-only"),

		/**
		 * The URL has no host, or a numeric host that is not a dotted-quad IPv4 address.
		 */
		INVALID_HOST(null),

		/**
		 * The host matches a denied host.
		 */
		DENIED_HOST("denied-hosts"),

		/**
		 * There are allowed hosts and the host matches none of them.
		 */
		NOT_ALLOWED_HOST("allowed-hosts"),

		/**
		 * The host is, or resolves to, an address that is not public.
		 */
		PRIVATE_ADDRESS("allow-private");

		private final @Nullable String property;

		Rule(@Nullable String property) {
			this.property = property;
		}

		/**
		 * Return the property under {@code webhook.outbound.url-policy} that relaxes this
		 * rule.
		 * @return the property name, or {@code null} if no property relaxes it
		 */
		public @Nullable String getProperty() {
			return this.property;
		}

	}

}
