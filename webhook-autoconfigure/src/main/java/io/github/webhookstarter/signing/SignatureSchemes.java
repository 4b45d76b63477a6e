package io.github.webhookstarter.signing;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The signature schemes that can be selected by name: the built-in {@code standard},
 * {@code github}, {@code stripe}, {@code shopify}, {@code slack}, {@code paddle} and
 * {@code servo} schemes, and custom ones. A custom scheme named like a built-in one replaces it.
 * {@link HmacSignatureScheme} is not among them as it is configured for each source.
 *
 * @author Webhook Starter team
 */
public final class SignatureSchemes {

	private final Map<String, SignatureScheme> schemes;

	/**
	 * Create a new instance.
	 * @param custom the custom schemes, with distinct names
	 * @throws IllegalArgumentException if several custom schemes have the same name
	 */
	public SignatureSchemes(Collection<SignatureScheme> custom) {
		Map<String, SignatureScheme> schemes = new LinkedHashMap<>();
		for (SignatureScheme scheme : List.of(new StandardWebhooksSignatureScheme(), new GitHubSignatureScheme(),
				new StripeSignatureScheme(), new ShopifySignatureScheme(), new SlackSignatureScheme(),
				new PaddleSignatureScheme(), new ServoSignatureScheme())) {
			schemes.put(scheme.name(), scheme);
		}
		Set<String> customNames = new HashSet<>();
		for (SignatureScheme scheme : custom) {
			String name = scheme.name();
			// which of two same-named beans would win is not something to leave to bean order
			Assert.isTrue(customNames.add(name), () -> "Several custom signature schemes are named '" + name + "'");
			schemes.put(name, scheme);
		}
		this.schemes = Collections.unmodifiableMap(schemes);
	}

	/**
	 * Return the scheme with the given name.
	 * @param name the scheme name
	 * @return the scheme, or {@code null} if there is none of that name
	 */
	public @Nullable SignatureScheme get(String name) {
		return this.schemes.get(name);
	}

	/**
	 * Return the names of the schemes, built-in ones first.
	 * @return the scheme names
	 */
	public Set<String> names() {
		return this.schemes.keySet();
	}

}
