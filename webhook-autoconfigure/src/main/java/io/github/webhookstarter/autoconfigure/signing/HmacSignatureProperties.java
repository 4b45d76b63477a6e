package io.github.webhookstarter.autoconfigure.signing;

import org.jspecify.annotations.Nullable;

import io.github.webhookstarter.signing.SignatureEncoding;

/**
 * A custom HMAC signature.
 * <p>
 * Shared by sources and endpoints.
 *
 * @author Webhook Starter team
 */
public class HmacSignatureProperties {

	/**
	 * Header that carries the signature.
	 */
	private @Nullable String header;

	/**
	 * HMAC algorithm: HmacSHA1, HmacSHA256 or HmacSHA512.
	 */
	private String algorithm = "HmacSHA256";

	/**
	 * Encoding of the signature: hex or base64.
	 */
	private SignatureEncoding encoding = SignatureEncoding.HEX;

	/**
	 * Text before the encoded signature in the header, such as "sha256=".
	 */
	private String prefix = "";

	/**
	 * What is signed, from the placeholders {body}, {timestamp} and {id}.
	 */
	private String signedContent = "{body}";

	/**
	 * Header that carries the signed timestamp in unix seconds, for a signed content
	 * with {timestamp}.
	 */
	private @Nullable String timestampHeader;

	public @Nullable String getHeader() {
		return this.header;
	}

	public void setHeader(@Nullable String header) {
		this.header = header;
	}

	public String getAlgorithm() {
		return this.algorithm;
	}

	public void setAlgorithm(String algorithm) {
		this.algorithm = algorithm;
	}

	public SignatureEncoding getEncoding() {
		return this.encoding;
	}

	public void setEncoding(SignatureEncoding encoding) {
		this.encoding = encoding;
	}

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public String getSignedContent() {
		return this.signedContent;
	}

	public void setSignedContent(String signedContent) {
		this.signedContent = signedContent;
	}

	public @Nullable String getTimestampHeader() {
		return this.timestampHeader;
	}

	public void setTimestampHeader(@Nullable String timestampHeader) {
		this.timestampHeader = timestampHeader;
	}

}
