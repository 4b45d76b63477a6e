package io.github.webhookstarter.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Base class for the built-in schemes of a single sender: a {@link SignatureFormat} configured
 * as that sender signs, under the sender's name and with the locations where it puts the id and
 * event type. Subclasses only pass these to the constructor.
 *
 * @author Webhook Starter team
 */
abstract class VendorSignatureScheme implements SignatureScheme {

	private final String name;

	private final SignatureFormat format;

	private final @Nullable String defaultIdLocation;

	private final @Nullable String defaultEventTypeLocation;

	private final Set<String> storedHeaders;

	/**
	 * Create a new instance of a sender whose listeners need no other header than those of
	 * the id and event type.
	 * @param name the scheme name
	 * @param format the format that signs and verifies
	 * @param defaultIdLocation the default id location, or {@code null} if the sender has none
	 * @param defaultEventTypeLocation the default event type location, or {@code null} if the
	 * sender has none
	 */
	VendorSignatureScheme(String name, SignatureFormat format, @Nullable String defaultIdLocation,
			@Nullable String defaultEventTypeLocation) {
		this(name, format, defaultIdLocation, defaultEventTypeLocation, Set.of());
	}

	/**
	 * Create a new instance.
	 * @param name the scheme name
	 * @param format the format that signs and verifies
	 * @param defaultIdLocation the default id location, or {@code null} if the sender has none
	 * @param defaultEventTypeLocation the default event type location, or {@code null} if the
	 * sender has none
	 * @param storedHeaders the sender's other headers that listeners may need
	 */
	VendorSignatureScheme(String name, SignatureFormat format, @Nullable String defaultIdLocation,
			@Nullable String defaultEventTypeLocation, Set<String> storedHeaders) {
		this.name = name;
		this.format = format;
		this.defaultIdLocation = defaultIdLocation;
		this.defaultEventTypeLocation = defaultEventTypeLocation;
		this.storedHeaders = storedHeaders;
	}

	// the methods are not final so that javac adds public bridges to them in each public
	// subclass: reflection through that subclass can then call them from outside the package

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public HttpHeaders sign(SignedContent content, List<Secret> secrets) {
		return this.format.sign(content, secrets);
	}

	@Override
	public SignatureVerification verify(HttpHeaders headers, byte[] body, List<Secret> secrets, Instant now,
			Duration tolerance) {
		return this.format.verify(headers, body, secrets, now, tolerance);
	}

	@Override
	public @Nullable String defaultIdLocation() {
		return this.defaultIdLocation;
	}

	@Override
	public @Nullable String defaultEventTypeLocation() {
		return this.defaultEventTypeLocation;
	}

	@Override
	public Set<String> storedHeaders() {
		return this.storedHeaders;
	}

}
