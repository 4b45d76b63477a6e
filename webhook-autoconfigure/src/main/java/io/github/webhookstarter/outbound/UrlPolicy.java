package io.github.webhookstarter.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Which URLs webhooks may be sent to: a guard against server-side request forgery, where
 * whoever chooses an endpoint's URL makes the application call its own network. Immutable;
 * built with {@link #builder()}.
 * <p>
 * A URL is refused when:
 * <ul>
 * <li>its scheme is not {@code https}, or not {@code http} either when http is allowed;</li>
 * <li>it has no host, or a numeric host that is not a plain dotted-quad IPv4 address (such as
 * {@code 2130706433} or {@code 0x7f.1}, which some clients read as 127.0.0.1);</li>
 * <li>its host matches one of the denied hosts, or there are allowed hosts and it matches
 * none of them; a pattern {@code *.example.com} matches every name below
 * {@code example.com}, not {@code example.com} itself;</li>
 * <li>unless private addresses are allowed, its host is, or resolves to, an address that is
 * not public: unspecified ({@code 0.0.0.0/8}, {@code ::}), loopback ({@code 127.0.0.0/8},
 * {@code ::1}), link-local ({@code 169.254.0.0/16}, cloud metadata services at
 * {@code 169.254.169.254} included, {@code fe80::/10}), private ({@code 10.0.0.0/8},
 * {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, {@code fec0::/10}), carrier-grade NAT
 * ({@code 100.64.0.0/10}), unique-local ({@code fc00::/7}), multicast ({@code 224.0.0.0/4},
 * {@code ff00::/8}) or reserved ({@code 240.0.0.0/4}, broadcast included). An IPv6 address
 * that embeds an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96} and 6to4 {@code 2002::/16}) is checked as
 * that IPv4 address.</li>
 * </ul>
 * Allowed hosts only narrow what is accepted: a private address needs private addresses to
 * be allowed, whatever the host.
 * <p>
 * {@link #check(URI)} looks at the URL alone, without resolving its host: the check to make
 * when a URL is configured or subscribed. {@link #resolve(URI)} also resolves the host and
 * checks every address it resolves to: the check to make before each request. The HTTP
 * client then resolves the host again to connect. {@link EndpointClients} therefore also
 * gives the clients of endpoints without a proxy Spring Boot's {@code InetAddressFilter} of
 * this policy: Apache HttpClient 5, Jetty and Reactor Netty filter what their resolver
 * answers and so connect only to an address that passed. The JDK {@code HttpClient} has no
 * resolver of its own to filter: it is checked before the request and resolves again to
 * connect, so with it a host whose DNS answers change between the two lookups (DNS
 * rebinding) can still reach an address that was not checked.
 * <p>
 * Messages name the rule and the host or address refused, never the user info, path or
 * query of a URL, which may carry credentials.
 * <p>
 * Part of the outbound package rather than of dynamic subscriptions, which will check URLs
 * when they are subscribed: the sender applies it to every endpoint before each attempt, and
 * the outbound side does not depend on subscriptions.
 *
 * @author Webhook Starter team
 */
public final class UrlPolicy {

	private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0x[0-9a-f]*");

	private static final Pattern DOTTED_QUAD = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern HOST_PATTERN = Pattern.compile("(\\*\\.)?[a-z0-9_.:\\[\\]-]+");

	private final boolean httpsOnly;

	private final boolean allowPrivate;

	private final List<String> allowedHosts;

	private final List<String> deniedHosts;

	private UrlPolicy(Builder builder) {
		this.httpsOnly = builder.httpsOnly;
		this.allowPrivate = builder.allowPrivate;
		this.allowedHosts = List.copyOf(builder.allowedHosts);
		this.deniedHosts = List.copyOf(builder.deniedHosts);
	}

	/**
	 * Return a builder of a policy that, until told otherwise, accepts https URLs whose
	 * hosts are public.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return whether URLs must be https.
	 * @return whether http is refused
	 */
	public boolean isHttpsOnly() {
		return this.httpsOnly;
	}

	/**
	 * Return whether hosts may be or resolve to addresses that are not public.
	 * @return whether private addresses are allowed
	 */
	public boolean isAllowPrivate() {
		return this.allowPrivate;
	}

	/**
	 * Return the patterns of the hosts that are allowed, all others being refused; empty if
	 * any host is allowed.
	 * @return the allowed hosts
	 */
	public List<String> getAllowedHosts() {
		return this.allowedHosts;
	}

	/**
	 * Return the patterns of the hosts that are refused.
	 * @return the denied hosts
	 */
	public List<String> getDeniedHosts() {
		return this.deniedHosts;
	}

	/**
	 * Check a URL without resolving its host: its scheme, its host against the allowed and
	 * denied hosts, and the address of a host that is an IP address.
	 * @param url the URL
	 * @throws UrlPolicyViolationException if the policy refuses the URL
	 */
	public void check(URI url) {
		String scheme = url.getScheme();
		if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
			throw new UrlPolicyViolationException(UrlPolicyViolationException.Rule.SCHEME, null,
					"scheme " + ((scheme != null) ? "'" + scheme + "'" : "missing") + " is not "
							+ (this.httpsOnly ? "https" : "http or https"));
		}
		if (this.httpsOnly && !scheme.equalsIgnoreCase("https")) {
			throw new UrlPolicyViolationException(UrlPolicyViolationException.Rule.SCHEME, null,
					"scheme '" + scheme + "' is not https");
		}
		String host = host(url);
		for (String denied : this.deniedHosts) {
			if (matches(denied, host)) {
				throw new UrlPolicyViolationException(UrlPolicyViolationException.Rule.DENIED_HOST, null,
						"host " + host + " is denied (" + denied + ")");
			}
		}
		if (!this.allowedHosts.isEmpty() && this.allowedHosts.stream().noneMatch((allowed) -> matches(allowed, host))) {
			throw new UrlPolicyViolationException(UrlPolicyViolationException.Rule.NOT_ALLOWED_HOST, null,
					"host " + host + " is not one of the allowed hosts");
		}
		InetAddress literal = literalAddress(host);
		if (literal != null) {
			check(host, literal);
		}
	}

	/**
	 * Check a URL as {@link #check(URI)} does, then resolve its host and check every address
	 * it resolves to.
	 * @param url the URL
	 * @return the addresses the host resolves to, every one of them accepted
	 * @throws UrlPolicyViolationException if the policy refuses the URL or one of the
	 * addresses
	 * @throws UnknownHostException if the host cannot be resolved
	 */
	public List<InetAddress> resolve(URI url) throws UnknownHostException {
		check(url);
		String host = host(url);
		InetAddress literal = literalAddress(host);
		if (literal != null) {
			return List.of(literal);
		}
		List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
		for (InetAddress address : addresses) {
			check(host, address);
		}
		return addresses;
	}

	/**
	 * Check an address that a host is, or resolves to.
	 * @param host the host, named in the message of a refusal
	 * @param address the address
	 * @throws UrlPolicyViolationException if the address is not public and private addresses
	 * are not allowed
	 */
	public void check(String host, InetAddress address) {
		if (this.allowPrivate) {
			return;
		}
		String kind = nonPublicKind(address);
		if (kind != null) {
			String reason = (literalAddress(host) != null) ? host + " is " + kind
					: host + " resolves to " + address.getHostAddress() + ", " + kind;
			throw new UrlPolicyViolationException(UrlPolicyViolationException.Rule.PRIVATE_ADDRESS, address, reason);
		}
	}

	/**
	 * Return what kind of address that is not public an address is, such as "a loopback
	 * address", or {@code null} if it is public.
	 * @param address the address
	 * @return its kind, or {@code null}
	 */
	static @Nullable String nonPublicKind(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] bytes = address.getAddress();
			Inet4Address embedded = embeddedIpv4(bytes);
			if (embedded != null) {
				String kind = nonPublicKind(embedded);
				return (kind != null) ? kind + " (" + embedded.getHostAddress() + " embedded in IPv6)" : null;
			}
			if ((bytes[0] & 0xfe) == 0xfc) {
				return "a unique-local address";
			}
		}
		else {
			byte[] bytes = address.getAddress();
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			if (first == 0) {
				return "an unspecified address";
			}
			if (first == 100 && (second & 0xc0) == 64) {
				return "a carrier-grade NAT address";
			}
			if (first >= 240) {
				return "a reserved address";
			}
			if (first == 169 && second == 254 && (bytes[2] & 0xff) == 169 && (bytes[3] & 0xff) == 254) {
				return "a link-local address (cloud metadata service)";
			}
		}
		if (address.isAnyLocalAddress()) {
			return "an unspecified address";
		}
		if (address.isLoopbackAddress()) {
			return "a loopback address";
		}
		if (address.isLinkLocalAddress()) {
			return "a link-local address";
		}
		if (address.isSiteLocalAddress()) {
			return "a private address";
		}
		if (address.isMulticastAddress()) {
			return "a multicast address";
		}
		return null;
	}

	private static @Nullable Inet4Address embeddedIpv4(byte[] bytes) {
		int offset;
		if (isZero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
			offset = 12; // IPv4-mapped ::ffff:a.b.c.d
		}
		else if (isZero(bytes, 0, 12) && !isZero(bytes, 12, 15)) {
			offset = 12; // IPv4-compatible ::a.b.c.d, but not :: or ::1
		}
		else if ((bytes[0] & 0xff) == 0x00 && (bytes[1] & 0xff) == 0x64 && (bytes[2] & 0xff) == 0xff
				&& (bytes[3] & 0xff) == 0x9b && isZero(bytes, 4, 12)) {
			offset = 12; // NAT64 64:ff9b::a.b.c.d
		}
		else if ((bytes[0] & 0xff) == 0x20 && (bytes[1] & 0xff) == 0x02) {
			offset = 2; // 6to4 2002:aabb:ccdd::
		}
		else {
			return null;
		}
		byte[] ipv4 = new byte[] { bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3] };
		try {
			return (Inet4Address) InetAddress.getByAddress(ipv4);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static String host(URI url) {
		String host = url.getHost();
		if (host == null || host.isEmpty()) {
			throw new UrlPolicyViolationException(UrlPolicyViolationException.Rule.INVALID_HOST, null,
					"the URL has no host");
		}
		String normalized = host.toLowerCase(Locale.ROOT);
		if (normalized.endsWith(".") && normalized.length() > 1) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		// a host whose last label is a number is an IPv4 address to URL parsers, in many forms
		String last = normalized.substring(normalized.lastIndexOf('.') + 1);
		if (!normalized.startsWith("[") && NUMERIC_LABEL.matcher(last).matches()
				&& !DOTTED_QUAD.matcher(normalized).matches()) {
			throw new UrlPolicyViolationException(UrlPolicyViolationException.Rule.INVALID_HOST, null,
					"host " + normalized + " is a numeric address that is not a dotted-quad IPv4 address");
		}
		return normalized;
	}

	private static @Nullable InetAddress literalAddress(String host) {
		try {
			if (host.startsWith("[") && host.endsWith("]")) {
				// with a colon, the JDK parses an IPv6 literal and never looks it up
				return InetAddress.getByName(stripBrackets(host));
			}
			if (DOTTED_QUAD.matcher(host).matches()) {
				return InetAddress.getByName(host);
			}
		}
		catch (UnknownHostException ex) {
			throw new UrlPolicyViolationException(UrlPolicyViolationException.Rule.INVALID_HOST, null,
					"host " + host + " is not a valid IP address");
		}
		return null;
	}

	private static String stripBrackets(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	private static boolean matches(String pattern, String host) {
		if (pattern.startsWith("*.")) {
			return host.endsWith(pattern.substring(1));
		}
		return stripBrackets(pattern).equals(stripBrackets(host));
	}

	/**
	 * Builds a {@link UrlPolicy}.
	 */
	public static final class Builder {

		private boolean httpsOnly = true;

		private boolean allowPrivate;

		private final List<String> allowedHosts = new ArrayList<>();

		private final List<String> deniedHosts = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Set whether URLs must be https; {@code true} unless set.
		 * @param httpsOnly whether http is refused
		 * @return this builder
		 */
		public Builder httpsOnly(boolean httpsOnly) {
			this.httpsOnly = httpsOnly;
			return this;
		}

		/**
		 * Set whether hosts may be or resolve to addresses that are not public;
		 * {@code false} unless set.
		 * @param allowPrivate whether private addresses are allowed
		 * @return this builder
		 */
		public Builder allowPrivate(boolean allowPrivate) {
			this.allowPrivate = allowPrivate;
			return this;
		}

		/**
		 * Add hosts that are allowed, all others being refused: names, IP addresses or
		 * patterns {@code *.example.com}.
		 * @param hosts the hosts
		 * @return this builder
		 * @throws IllegalArgumentException if a host is not a name, an address or such a
		 * pattern
		 */
		public Builder allowedHosts(Collection<String> hosts) {
			hosts.forEach((host) -> this.allowedHosts.add(pattern(host)));
			return this;
		}

		/**
		 * Add hosts that are refused: names, IP addresses or patterns {@code *.example.com}.
		 * @param hosts the hosts
		 * @return this builder
		 * @throws IllegalArgumentException if a host is not a name, an address or such a
		 * pattern
		 */
		public Builder deniedHosts(Collection<String> hosts) {
			hosts.forEach((host) -> this.deniedHosts.add(pattern(host)));
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 */
		public UrlPolicy build() {
			return new UrlPolicy(this);
		}

		private static String pattern(String host) {
			String pattern = host.trim().toLowerCase(Locale.ROOT);
			if (pattern.endsWith(".") && pattern.length() > 1) {
				pattern = pattern.substring(0, pattern.length() - 1);
			}
			if (!HOST_PATTERN.matcher(pattern).matches() || pattern.indexOf('*', 1) >= 0) {
				throw new IllegalArgumentException(
						"'" + host + "' is not a host name, an IP address or a pattern such as *.example.com");
			}
			return pattern;
		}

	}

}
