package io.github.webhookstarter.inbound;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;

import org.springframework.http.server.PathContainer;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The enabled sources of webhooks and the request paths they answer at: each at its own path,
 * and, for a source whose event type is the last path segment, one segment below it.
 * <p>
 * Not API: public for the auto-configuration and the test module ({@code webhook-spring-boot-test}),
 * which read requests as the endpoint does; applications do not use it.
 *
 * @author Webhook Starter team
 */
public final class WebhookSources {

	private final String basePath;

	private final Map<String, WebhookSource> sourcesByPath = new LinkedHashMap<>();

	/**
	 * Create the sources that answer under a base path.
	 * @param basePath the path under which unknown sources are answered {@code 404}
	 * @param sources the enabled sources
	 * @throws IllegalArgumentException if two sources share a path
	 */
	public WebhookSources(String basePath, Collection<WebhookSource> sources) {
		this.basePath = normalize(basePath);
		for (WebhookSource source : sources) {
			WebhookSource existing = this.sourcesByPath.putIfAbsent(normalize(source.path()), source);
			if (existing != null) {
				throw new IllegalArgumentException("Webhook sources '" + existing.name() + "' and '" + source.name()
						+ "' both answer at path '" + source.path() + "'; give one of them another path");
			}
		}
	}

	/**
	 * Return the enabled sources.
	 * @return the sources
	 */
	public Collection<WebhookSource> getSources() {
		return this.sourcesByPath.values();
	}

	/**
	 * Return the patterns of the request paths the webhook handler answers at, for its handler
	 * mapping: those of {@link #getSourcePathPatterns()} and every path one segment below the
	 * base path, where the handler answers {@code 404} for an unknown source.
	 * @return the path patterns
	 */
	public List<String> getPathPatterns() {
		List<String> patterns = new ArrayList<>();
		patterns.add(childPattern(this.basePath));
		patterns.addAll(getSourcePathPatterns());
		return patterns.stream().distinct().toList();
	}

	/**
	 * Return the patterns of exactly the request paths the sources receive at: each source's
	 * path and, for a source whose event type is the last path segment, one segment below it.
	 * <p>
	 * Unlike {@link #getPathPatterns()}, they leave out the rest of the base path, so that a
	 * request matcher built from them, such as the one of a security filter chain that lets
	 * webhooks in, covers no handler of the application.
	 * @return the path patterns, empty without sources
	 */
	public List<String> getSourcePathPatterns() {
		List<String> patterns = new ArrayList<>();
		this.sourcesByPath.forEach((path, source) -> {
			patterns.add(path);
			if (source.eventTypeLocation().isPath()) {
				patterns.add(childPattern(path));
			}
		});
		return patterns;
	}

	/**
	 * Return the sources that receive at a request path that the given path pattern of another
	 * handler matches too: the source's own path or, for a source whose event type is the last
	 * path segment, a path one segment below it.
	 * @param pattern the path pattern of another handler
	 * @return the sources, empty if the pattern matches none of their paths
	 */
	public List<WebhookSource> findSourcesMatchedBy(PathPattern pattern) {
		List<WebhookSource> sources = new ArrayList<>();
		this.sourcesByPath.forEach((path, source) -> {
			if (pattern.matches(PathContainer.parsePath(path))
					|| (source.eventTypeLocation().isPath() && matchesChild(pattern, path))) {
				sources.add(source);
			}
		});
		return sources;
	}

	private static boolean matchesChild(PathPattern pattern, String path) {
		String patternString = pattern.getPatternString();
		// read as a path, the pattern lies one segment below: it then matches such a path, whatever
		// its variables accept, such as "/{id:\d+}" below "/"
		if (PathPatternParser.defaultInstance.parse(childPattern(path))
			.matches(PathContainer.parsePath(patternString))) {
			return true;
		}
		// a pattern that goes deeper may still match the path one segment below, such as "/admin/**"
		// matches "/admin" below "/"; its own segment at that depth names a path it would match
		String[] segments = StringUtils.tokenizeToStringArray(patternString, "/");
		int depth = StringUtils.tokenizeToStringArray(path, "/").length;
		return segments.length > depth
				&& pattern.matches(PathContainer.parsePath(childPrefix(path) + "/" + segments[depth]));
	}

	/**
	 * Return where the payload is in the bodies of a source's calls.
	 * @param sourceName the name of the source
	 * @return the JSON pointer of the payload, empty for the whole body, which is also the
	 * payload of calls stored for a source that is no longer enabled
	 */
	public JsonPointer payloadLocation(String sourceName) {
		return this.sourcesByPath.values()
			.stream()
			.filter((source) -> source.name().equals(sourceName))
			.findFirst()
			.map(WebhookSource::payloadLocation)
			.orElse(JsonPointer.empty());
	}

	/**
	 * Find what answers a request path.
	 * @param requestPath the path of a request within the application
	 * @return the match, or {@code null} if the path is not a webhook path
	 */
	@Nullable Match match(String requestPath) {
		String path = normalize(requestPath);
		String lastSegment = path.substring(path.lastIndexOf('/') + 1);
		WebhookSource source = this.sourcesByPath.get(path);
		if (source != null) {
			return new Match(source, lastSegment);
		}
		String parent = parent(path);
		if (parent != null) {
			WebhookSource parentSource = this.sourcesByPath.get(parent);
			if (parentSource != null && parentSource.eventTypeLocation().isPath()) {
				return new Match(parentSource, lastSegment);
			}
			if (parent.equals(this.basePath)) {
				return new Match(null, lastSegment);
			}
		}
		return null;
	}

	private static @Nullable String parent(String path) {
		int slash = path.lastIndexOf('/');
		if (slash < 0 || path.length() == 1) {
			return null;
		}
		return (slash == 0) ? "/" : path.substring(0, slash);
	}

	private static String childPattern(String path) {
		return childPrefix(path) + "/*";
	}

	private static String childPrefix(String path) {
		return "/".equals(path) ? "" : path;
	}

	private static String normalize(String path) {
		String normalized = StringUtils.hasText(path) ? path.trim() : "/";
		if (!normalized.startsWith("/")) {
			normalized = "/" + normalized;
		}
		while (normalized.length() > 1 && normalized.endsWith("/")) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		return normalized;
	}

	/**
	 * What answers a webhook path.
	 *
	 * @param source the source, or {@code null} if the path names no enabled source
	 * @param lastPathSegment the last segment of the path
	 */
	record Match(@Nullable WebhookSource source, String lastPathSegment) {

	}

}
