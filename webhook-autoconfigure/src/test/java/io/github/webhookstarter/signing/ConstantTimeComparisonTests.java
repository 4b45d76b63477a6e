package io.github.webhookstarter.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signatures are compared in constant time: read from the code rather than timed, which on a
 * shared machine would prove nothing. Every scheme's verification goes through
 * {@link ReceivedSignatures#madeWithAny}, which compares with
 * {@link SignatureSupport#isEqual(byte[], byte[], int, int)} (a loop over every byte, as
 * {@code MessageDigest.isEqual} does) or with {@code MessageDigest.isEqual}, and no code of the
 * package compares bytes or strings in another way that returns early.
 */
class ConstantTimeComparisonTests {

	private static final Path SIGNING = Path.of("src/main/java/io/github/webhookstarter/signing");

	// comparisons that stop at the first difference
	private static final Pattern EARLY_RETURNING = Pattern.compile(
			"Arrays\\s*\\.\\s*(equals|mismatch|compare)|contentEquals|regionMatches|"
					+ "(?i:signature|expected|received|digest|hmac)\\w*\\s*\\.\\s*equals(IgnoreCase)?\\s*\\(|"
					+ "\\.equals(IgnoreCase)?\\s*\\(\\s*(?i:signature|expected|received|digest|hmac)");

	@Test
	void receivedSignaturesCompareInConstantTimeOnly() throws IOException {
		String contain = methodBody(source("ReceivedSignatures.java"), "private boolean contain(");
		assertThat(contain).contains("SignatureSupport.isEqual(encoded, this.bytes, this.ranges[i], this.ranges[i + 1])")
			.contains("MessageDigest.isEqual(expected, decoded)");
		assertThat(contain.replace("SignatureSupport.isEqual(", "").replace("MessageDigest.isEqual(", ""))
			.doesNotContain("equals(")
			.doesNotContain("isEqual(")
			.doesNotContain("==");
	}

	@Test
	void isEqualReadsEveryByteWhateverTheFirstDifference() throws IOException {
		String isEqual = methodBody(source("SignatureSupport.java"), "static boolean isEqual(");
		// only the length, which is public, may end it early
		String loop = isEqual.substring(isEqual.indexOf("for ("));
		assertThat(loop).contains("difference |= expected[i] ^ value[start + i];")
			.doesNotContain("break")
			.doesNotContain("if (");
		assertThat(loop.substring(0, loop.lastIndexOf("return difference == 0;"))).doesNotContain("return");
	}

	@Test
	void everyVerificationComparesThroughReceivedSignatures() throws IOException {
		Map<String, String> verifiers = sources().entrySet()
			.stream()
			.filter((source) -> source.getValue().contains("public SignatureVerification verify("))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		// the vendor schemes delegate to their format, which is one of the verifying classes
		assertThat(verifiers).containsOnlyKeys("StandardWebhooksSignatureScheme.java", "HmacSignatureScheme.java",
				"TimestampedSignatureHeader.java", "VendorSignatureScheme.java");
		verifiers.forEach((file, code) -> {
			String verify = methodBody(code, "public SignatureVerification verify(");
			assertThat(verify).as(file)
				.containsAnyOf(".madeWithAny(", "this.format.verify(");
		});
		assertThat(source("VendorSignatureScheme.java")).contains("private final SignatureFormat format;");
		assertThat(sources().entrySet()
			.stream()
			.filter((source) -> Pattern.compile("implements [\\w, ]*SignatureFormat").matcher(source.getValue()).find())
			.map(Map.Entry::getKey)).containsOnly("HmacSignatureScheme.java", "TimestampedSignatureHeader.java");
	}

	@Test
	void noEarlyReturningComparisonInThePackage() throws IOException {
		sources().forEach((file, code) -> {
			Matcher matcher = EARLY_RETURNING.matcher(withoutComments(code));
			assertThat(matcher.find()).as("%s compares with '%s'", file, matcher.find(0) ? matcher.group() : "")
				.isFalse();
		});
	}

	@Test
	void theCheckFindsAnEarlyReturningComparison() {
		// the pattern above is what makes the previous test able to fail
		for (String code : List.of("if (Arrays.equals(expected, signature))", "signature.equals(value)",
				"value.equals(expectedSignature)", "expectedHex.equalsIgnoreCase(header)")) {
			assertThat(EARLY_RETURNING.matcher(code).find()).as(code).isTrue();
		}
	}

	private static Map<String, String> sources() throws IOException {
		try (Stream<Path> files = Files.list(SIGNING)) {
			return files.filter((file) -> file.toString().endsWith(".java"))
				.collect(Collectors.toMap((file) -> file.getFileName().toString(), ConstantTimeComparisonTests::read));
		}
	}

	private static String source(String file) throws IOException {
		return Files.readString(SIGNING.resolve(file));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String withoutComments(String code) {
		return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
	}

	// from the signature to the brace that closes the method, counting braces
	private static String methodBody(String code, String signature) {
		int start = code.indexOf(signature);
		assertThat(start).as(signature).isNotNegative();
		int depth = 0;
		for (int i = code.indexOf('{', start); i < code.length(); i++) {
			if (code.charAt(i) == '{') {
				depth++;
			}
			else if (code.charAt(i) == '}' && --depth == 0) {
				return code.substring(start, i + 1);
			}
		}
		throw new IllegalStateException("No end of " + signature);
	}

}
