package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * A configurable HMAC signature in a single header, for senders that no built-in scheme
 * covers. The signed content is a template of the {@code {body}}, {@code {timestamp}} and
 * {@code {id}} placeholders and literal text, such as {@code {timestamp}.{body}}; the exact body
 * bytes are spliced in, never decoded. A timestamp is read from, and written to, its own header
 * in unix seconds, and an id likewise. The key is the UTF-8 encoding of the secret, and signing
 * uses the first secret only since the header carries a single signature.
 * <p>
 * Create one with {@link #builder()}.
 *
 * @author Webhook Starter team
 */
public final class HmacSignatureScheme implements SignatureScheme, SignatureFormat {

	private static final List<String> ALGORITHMS = List.of("HmacSHA1", "HmacSHA256", "HmacSHA512");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private static final byte[] NONE = new byte[0];

	private static final Function<Values, byte[]> BODY = Values::body;

	private final String header;

	// the names looked up in lower case, as HttpHeaders keeps them: no conversion per lookup
	private final String headerKey;

	private final @Nullable String timestampHeaderKey;

	private final @Nullable String idHeaderKey;

	private final String algorithm;

	private final SignatureEncoding encoding;

	private final String prefix;

	private final List<Function<Values, byte[]>> signedContent;

	private final boolean signsTimestamp;

	private final boolean signsId;

	private final @Nullable String timestampHeader;

	private final @Nullable String idHeader;

	private HmacSignatureScheme(Builder builder) {
		Assert.isTrue(StringUtils.hasText(builder.header), "A 'header' to carry the signature is required");
		Assert.notNull(builder.encoding, "'encoding' must not be null");
		Assert.notNull(builder.prefix, "'prefix' must not be null");
		this.header = builder.header;
		this.algorithm = algorithm(builder.algorithm);
		this.encoding = builder.encoding;
		this.prefix = builder.prefix;
		this.timestampHeader = StringUtils.hasText(builder.timestampHeader) ? builder.timestampHeader : null;
		this.idHeader = StringUtils.hasText(builder.idHeader) ? builder.idHeader : null;
		this.headerKey = SignatureSupport.lookupName(this.header);
		this.timestampHeaderKey = (this.timestampHeader != null) ? SignatureSupport.lookupName(this.timestampHeader)
				: null;
		this.idHeaderKey = (this.idHeader != null) ? SignatureSupport.lookupName(this.idHeader) : null;
		Assert.isTrue(StringUtils.hasText(builder.signedContent), "'signedContent' must not be empty");
		this.signedContent = parse(builder.signedContent);
		// parse accepts known placeholders only, so their text is enough to find them
		this.signsTimestamp = builder.signedContent.contains("{timestamp}");
		this.signsId = builder.signedContent.contains("{id}");
		Assert.isTrue(!this.signsTimestamp || this.timestampHeader != null, () -> "Signed content '"
				+ builder.signedContent + "' uses {timestamp}, so a 'timestampHeader' is required");
		Assert.isTrue(!this.signsId || this.idHeader != null,
				() -> "Signed content '" + builder.signedContent + "' uses {id}, so an 'idHeader' is required");
	}

	private static String algorithm(@Nullable String algorithm) {
		for (String candidate : ALGORITHMS) {
			if (candidate.equalsIgnoreCase(algorithm)) {
				return candidate;
			}
		}
		throw new IllegalArgumentException(
				"Unknown HMAC algorithm '" + algorithm + "', expected one of " + String.join(", ", ALGORITHMS));
	}

	private static List<Function<Values, byte[]>> parse(String template) {
		List<Function<Values, byte[]>> parts = new ArrayList<>();
		Matcher placeholder = PLACEHOLDER.matcher(template);
		int literalStart = 0;
		while (placeholder.find()) {
			addLiteral(parts, template.substring(literalStart, placeholder.start()));
			literalStart = placeholder.end();
			parts.add(switch (placeholder.group(1)) {
				case "body" -> BODY;
				case "timestamp" -> Values::timestamp;
				case "id" -> Values::id;
				// a misspelt placeholder would otherwise be signed as text and never match
				default -> throw new IllegalArgumentException("Signed content '" + template
						+ "' has unknown placeholder '" + placeholder.group()
						+ "', expected {body}, {timestamp} or {id}");
			});
		}
		addLiteral(parts, template.substring(literalStart));
		// a signature that does not cover the body would not protect it
		Assert.isTrue(template.contains("{body}"), () -> "Signed content '" + template + "' must include {body}");
		return List.copyOf(parts);
	}

	private static void addLiteral(List<Function<Values, byte[]>> parts, String literal) {
		if (!literal.isEmpty()) {
			byte[] bytes = SignatureSupport.utf8(literal);
			parts.add((values) -> bytes);
		}
	}

	/**
	 * Create a builder, with the defaults {@code HmacSHA256}, {@link SignatureEncoding#HEX}, no
	 * prefix and {@code {body}} as the signed content.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public String name() {
		return "hmac";
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The timestamp and id headers are added whenever they are configured.
	 */
	@Override
	public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
		String timestamp = Long.toString(content.timestamp().getEpochSecond());
		Values values = new Values(SignatureSupport.utf8(content.id()), SignatureSupport.utf8(timestamp),
				content.body());
		HttpHeaders headers = new HttpHeaders();
		headers.set(this.header,
				this.prefix + SignatureSupport.encode(this.encoding,
						secrets.get(0).utf8Key(this.algorithm).hmac(signedParts(values))));
		if (this.timestampHeader != null) {
			headers.set(this.timestampHeader, timestamp);
		}
		if (this.idHeader != null) {
			headers.set(this.idHeader, content.id());
		}
		return headers;
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The timestamp and id headers are required, and the timestamp checked, only if the signed
	 * content uses them: an unsigned timestamp proves nothing.
	 */
	@Override
	public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
			Duration tolerance) {
		String value = headers.getFirst(this.headerKey);
		String timestamp = signedHeader(headers, this.signsTimestamp, this.timestampHeaderKey);
		String id = signedHeader(headers, this.signsId, this.idHeaderKey);
		if (value == null || timestamp == null || id == null) {
			return SignatureVerification.MISSING;
		}
		Long signedAt = this.signsTimestamp ? SignatureSupport.parseEpochSeconds(timestamp) : null;
		if ((this.signsTimestamp && signedAt == null) || !value.startsWith(this.prefix)) {
			return SignatureVerification.INVALID;
		}
		// before any hashing: a stale or replayed request costs no HMAC of its body
		if (signedAt != null) {
			SignatureVerification timely = SignatureSupport.checkTimestamp(signedAt, now, tolerance);
			if (timely != SignatureVerification.VALID) {
				return timely;
			}
		}
		ReceivedSignatures signatures = new ReceivedSignatures(value, this.encoding);
		signatures.add(this.prefix.length(), value.length());
		Values values = new Values(this.signsId ? SignatureSupport.utf8(id) : NONE,
				this.signsTimestamp ? SignatureSupport.utf8(timestamp) : NONE, body);
		byte[][] parts = signedParts(values);
		return signatures.madeWithAny(secrets, (secret) -> secret.utf8Key(this.algorithm).hmac(parts))
				? SignatureVerification.VALID : SignatureVerification.INVALID;
	}

	private static @Nullable String signedHeader(HttpHeaders headers, boolean signed, @Nullable String name) {
		// an unsigned header is not needed: the empty string stands in for it
		return (signed && name != null) ? headers.getFirst(name) : "";
	}

	/**
	 * Return the signed content as the body and the text around it, each run of text in one
	 * array: one {@code Mac} update for it rather than one for each part.
	 */
	private byte[][] signedParts(Values values) {
		byte[][] parts = new byte[this.signedContent.size()][];
		int count = 0;
		byte[] text = null;
		for (Function<Values, byte[]> part : this.signedContent) {
			if (part == BODY) {
				if (text != null) {
					parts[count++] = text;
					text = null;
				}
				parts[count++] = values.body();
			}
			else {
				byte[] bytes = part.apply(values);
				text = (text != null) ? SignatureSupport.concat(text, bytes) : bytes;
			}
		}
		if (text != null) {
			parts[count++] = text;
		}
		return (count < parts.length) ? Arrays.copyOf(parts, count) : parts;
	}

	@Override
	public @Nullable String defaultIdLocation() {
		return (this.idHeader != null) ? "header:" + this.idHeader : null;
	}

	/**
	 * The values that the placeholders of the signed content stand for.
	 */
	private record Values(byte[] id, byte[] timestamp, byte[] body) {

	}

	/**
	 * Builder for a {@link HmacSignatureScheme}.
	 */
	public static final class Builder {

		private @Nullable String header;

		private @Nullable String algorithm = "HmacSHA256";

		private @Nullable SignatureEncoding encoding = SignatureEncoding.HEX;

		private @Nullable String prefix = "";

		private @Nullable String signedContent = "{body}";

		private @Nullable String timestampHeader;

		private @Nullable String idHeader;

		private Builder() {
		}

		/**
		 * Set the header that carries the signature. Required.
		 * @param header the header name
		 * @return this builder
		 */
		public Builder header(@Nullable String header) {
			this.header = header;
			return this;
		}

		/**
		 * Set the HMAC algorithm: {@code HmacSHA1}, {@code HmacSHA256} (the default) or
		 * {@code HmacSHA512}.
		 * @param algorithm the JCA algorithm name
		 * @return this builder
		 */
		public Builder algorithm(@Nullable String algorithm) {
			this.algorithm = algorithm;
			return this;
		}

		/**
		 * Set how the signature is encoded. Defaults to {@link SignatureEncoding#HEX}.
		 * @param encoding the encoding
		 * @return this builder
		 */
		public Builder encoding(@Nullable SignatureEncoding encoding) {
			this.encoding = encoding;
			return this;
		}

		/**
		 * Set the text before the encoded signature in the header, such as {@code sha256=}.
		 * Defaults to none.
		 * @param prefix the prefix
		 * @return this builder
		 */
		public Builder prefix(@Nullable String prefix) {
			this.prefix = prefix;
			return this;
		}

		/**
		 * Set the template of the signed content, made of the {@code {body}},
		 * {@code {timestamp}} and {@code {id}} placeholders and literal text, such as
		 * {@code {id}.{timestamp}.{body}}. Defaults to {@code {body}}. It must include
		 * {@code {body}}.
		 * @param signedContent the template
		 * @return this builder
		 */
		public Builder signedContent(@Nullable String signedContent) {
			this.signedContent = signedContent;
			return this;
		}

		/**
		 * Set the header that carries the timestamp in unix seconds, required if the signed
		 * content uses {@code {timestamp}}.
		 * @param timestampHeader the header name, or {@code null} for none
		 * @return this builder
		 */
		public Builder timestampHeader(@Nullable String timestampHeader) {
			this.timestampHeader = timestampHeader;
			return this;
		}

		/**
		 * Set the header that carries the webhook id, required if the signed content uses
		 * {@code {id}}. It is also the default id location.
		 * @param idHeader the header name, or {@code null} for none
		 * @return this builder
		 */
		public Builder idHeader(@Nullable String idHeader) {
			this.idHeader = idHeader;
			return this;
		}

		/**
		 * Build the scheme.
		 * @return the scheme
		 * @throws IllegalArgumentException if the header is missing, the algorithm unknown, or
		 * the signed content invalid or using a placeholder whose header is not set
		 */
		public HmacSignatureScheme build() {
			return new HmacSignatureScheme(this);
		}

	}

}
