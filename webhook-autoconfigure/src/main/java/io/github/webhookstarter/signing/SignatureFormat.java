package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * How a signature is carried in headers: the signing and verifying half of a
 * {@link SignatureScheme}, without the name and default locations, so that a vendor's scheme
 * can be a configured format under its own name.
 *
 * @author Webhook Starter team
 * @see VendorSignatureScheme
 */
interface SignatureFormat {

	/**
	 * Sign as {@link SignatureScheme#sign(SignedContent, List)} describes.
	 * @param content the id, timestamp and exact body bytes to sign
	 * @param secrets the secrets to sign with, newest first, never empty
	 * @return the headers to add to the request
	 */
	HttpHeaders sign(SignedContent content, List<Secret> secrets);

	/**
	 * Verify as {@link SignatureScheme#verify(HttpHeaders, byte[], List, Instant, Duration)}
	 * describes.
	 * @param headers the request headers
	 * @param body the exact body bytes the signature covers
	 * @param secrets the secrets any of which may have signed the request, never empty
	 * @param now the current time
	 * @param tolerance how far the signed timestamp may be from {@code now}
	 * @return the outcome of the verification
	 */
	SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
			Duration tolerance);

}
