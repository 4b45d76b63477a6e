package io.github.webhookstarter.core.internal;

import java.net.URI;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * URLs as the starter shows them, in logs, messages, {@code toString()} and actuator output:
 * without their user info and query, which may carry credentials such as a password or a token.
 *
 * @author Webhook Starter team
 */
public final class MaskedUrls {

	/**
	 * What stands for a masked value.
	 */
	public static final String MASK = "******";

	private static final Pattern USER_INFO = Pattern.compile("//[^/?#\\s@]+@");

	private MaskedUrls() {
	}

	/**
	 * Return a URL without its secrets: its user info and query masked, its fragment left out.
	 * @param url the URL
	 * @return the URL to show
	 */
	public static String mask(URI url) {
		if (url.isOpaque() || url.getRawAuthority() == null) {
			return (url.getScheme() != null) ? url.getScheme() + ":" + MASK : MASK;
		}
		StringBuilder masked = new StringBuilder();
		if (url.getScheme() != null) {
			masked.append(url.getScheme()).append(':');
		}
		masked.append("//");
		if (url.getRawUserInfo() != null) {
			masked.append(MASK).append('@');
		}
		if (url.getHost() != null) {
			masked.append(url.getHost());
			if (url.getPort() != -1) {
				masked.append(':').append(url.getPort());
			}
		}
		else {
			// a registry-based authority: it may hold anything
			masked.append(MASK);
		}
		if (url.getRawPath() != null) {
			masked.append(url.getRawPath());
		}
		if (url.getRawQuery() != null) {
			masked.append('?').append(MASK);
		}
		return masked.toString();
	}

	/**
	 * Mask the user info of any URL in a message: an HTTP client may name the URL it failed to
	 * reach.
	 * @param message the message, or {@code null}
	 * @return the message with every {@code //user:password@} masked
	 */
	public static @Nullable String maskUserInfo(@Nullable String message) {
		return (message != null) ? USER_INFO.matcher(message).replaceAll("//" + MASK + "@") : null;
	}

}
