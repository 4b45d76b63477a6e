package io.github.webhookstarter.inbound;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;

/**
 * Where a value of a webhook call is: a header ({@code header:NAME}), a JSON pointer into the
 * body ({@code json:/pointer}) or the last segment of the request path ({@code path}).
 *
 * @author Webhook Starter team
 */
public final class ValueLocation {

	private static final String HEADER_PREFIX = "header:";

	private static final String JSON_PREFIX = "json:";

	private static final String PATH = "path";

	private final String location;

	private final @Nullable String header;

	private final @Nullable JsonPointer pointer;

	private ValueLocation(String location, @Nullable String header, @Nullable JsonPointer pointer) {
		this.location = location;
		this.header = header;
		this.pointer = pointer;
	}

	/**
	 * Parse a location.
	 * @param location {@code header:NAME}, {@code json:/pointer} or {@code path}
	 * @return the location
	 * @throws IllegalArgumentException if the location has none of these forms
	 */
	public static ValueLocation parse(String location) {
		String trimmed = location.trim();
		String lowerCase = trimmed.toLowerCase(Locale.ROOT);
		if (lowerCase.startsWith(HEADER_PREFIX) && StringUtils.hasText(trimmed.substring(HEADER_PREFIX.length()))) {
			return new ValueLocation(trimmed, trimmed.substring(HEADER_PREFIX.length()).trim(), null);
		}
		if (lowerCase.startsWith(JSON_PREFIX)) {
			String pointer = trimmed.substring(JSON_PREFIX.length()).trim();
			if (pointer.startsWith("/")) {
				return new ValueLocation(trimmed, null, JsonPointer.compile(pointer));
			}
		}
		if (lowerCase.equals(PATH)) {
			return new ValueLocation(trimmed, null, null);
		}
		throw new IllegalArgumentException("'" + location
				+ "' is not a value location; use 'header:NAME', 'json:/pointer' (a JSON pointer) or 'path'");
	}

	/**
	 * Return the name of the header the value is in.
	 * @return the header name, or {@code null} if the value is not in a header
	 */
	public @Nullable String headerName() {
		return this.header;
	}

	/**
	 * Return whether the value is the last segment of the request path.
	 * @return whether this is the {@code path} location
	 */
	public boolean isPath() {
		return this.header == null && this.pointer == null;
	}

	/**
	 * Read the value from a call.
	 * @param headers the request headers
	 * @param json the body parsed as JSON, or {@code null} if it is not JSON
	 * @param lastPathSegment the last segment of the request path
	 * @return the value, or {@code null} if the call does not carry it or it is not a scalar
	 */
	public @Nullable String read(HttpHeaders headers, @Nullable JsonNode json, @Nullable String lastPathSegment) {
		if (this.header != null) {
			return headers.getFirst(this.header);
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
