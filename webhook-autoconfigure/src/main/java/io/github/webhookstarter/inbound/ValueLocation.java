package io.github.webhookstarter.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;

/**
 * Where a value of a webhook call is: a header ({@code header:NAME}), a JSON pointer into the
 * body ({@code json:/pointer}) or the last segment of the request path ({@code path}).
 * <p>
 * A header location may name alternatives, separated by commas, for senders that use either
 * name: {@code header:webhook-id,svix-id} is the first of these headers that the call carries.
 * <p>
 * Not API: public for the auto-configuration and the test module ({@code webhook-spring-boot-test}),
 * which read requests as the endpoint does; applications do not use it.
 *
 * @author Webhook Starter team
 */
public final class ValueLocation {

	private static final String HEADER_PREFIX = "header:";

	private static final String JSON_PREFIX = "json:";

	private static final String PATH = "path";

	private final String location;

	private final List<String> headerNames;

	private final @Nullable JsonPointer pointer;

	private ValueLocation(String location, List<String> headerNames, @Nullable JsonPointer pointer) {
		this.location = location;
		this.headerNames = headerNames;
		this.pointer = pointer;
	}

	/**
	 * Parse a location.
	 * @param location {@code header:NAME} (or {@code header:NAME,OTHER} for the first of
	 * several headers present), {@code json:/pointer} or {@code path}
	 * @return the location
	 * @throws IllegalArgumentException if the location has none of these forms
	 */
	public static ValueLocation parse(String location) {
		String trimmed = location.trim();
		String lowerCase = trimmed.toLowerCase(Locale.ROOT);
		if (lowerCase.startsWith(HEADER_PREFIX)) {
			List<String> headerNames = headerNames(trimmed.substring(HEADER_PREFIX.length()));
			if (!headerNames.isEmpty()) {
				return new ValueLocation(trimmed, headerNames, null);
			}
		}
		if (lowerCase.startsWith(JSON_PREFIX)) {
			String pointer = trimmed.substring(JSON_PREFIX.length()).trim();
			if (pointer.startsWith("/")) {
				return new ValueLocation(trimmed, List.of(), JsonPointer.compile(pointer));
			}
		}
		if (lowerCase.equals(PATH)) {
			return new ValueLocation(trimmed, List.of(), null);
		}
		throw new IllegalArgumentException("'" + location + "' is not a value location; use 'header:NAME' "
				+ "(or 'header:NAME,OTHER' for the first present), 'json:/pointer' (a JSON pointer) or 'path'");
	}

	/**
	 * Return the comma-separated header names, or none if any of them is blank.
	 */
	private static List<String> headerNames(String names) {
		List<String> headerNames = new ArrayList<>();
		for (String name : names.split(",", -1)) {
			if (!StringUtils.hasText(name)) {
				return List.of();
			}
			headerNames.add(name.trim());
		}
		return List.copyOf(headerNames);
	}

	/**
	 * Return the names of the headers the value is in, the first present one winning.
	 * @return the header names, empty if the value is not in a header
	 */
	public List<String> headerNames() {
		return this.headerNames;
	}

	/**
	 * Return the JSON pointer of the value in the body.
	 * @return the pointer, or {@code null} if the value is not in the body
	 */
	public @Nullable JsonPointer pointer() {
		return this.pointer;
	}

	/**
	 * Return whether the value is the last segment of the request path.
	 * @return whether this is the {@code path} location
	 */
	public boolean isPath() {
		return this.headerNames.isEmpty() && this.pointer == null;
	}

	/**
	 * Read the value from a call.
	 * @param headers the request headers
	 * @param json the body parsed as JSON, or {@code null} if it is not JSON
	 * @param lastPathSegment the last segment of the request path
	 * @return the value, or {@code null} if the call does not carry it or it is not a scalar
	 */
	public @Nullable String read(HttpHeaders headers, @Nullable JsonNode json, @Nullable String lastPathSegment) {
		if (!this.headerNames.isEmpty()) {
			for (String headerName : this.headerNames) {
				String value = headers.getFirst(headerName);
				if (value != null) {
					return value;
				}
			}
			return null;
		}
		if (this.pointer != null) {
			if (json == null) {
				return null;
			}
			JsonNode value = json.at(this.pointer);
			return (value.isValueNode() && !value.isNull()) ? value.asString() : null;
		}
		return lastPathSegment;
	}

	@Override
	public String toString() {
		return this.location;
	}

}
