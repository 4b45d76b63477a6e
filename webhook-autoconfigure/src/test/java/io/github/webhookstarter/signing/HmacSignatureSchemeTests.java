package io.github.webhookstarter.signing;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link HmacSignatureScheme}.
 *
 * @author Webhook Starter team
 */
class HmacSignatureSchemeTests {

	// test case 2 of RFC 2202 (HMAC-SHA1) and RFC 4231 (HMAC-SHA256, HMAC-SHA512)
	private static final Secret RFC_KEY = Secret.of("Jefe");

	private static final byte[] RFC_DATA = ReferenceHmac.utf8("what do ya want for nothing?");

	private static final Instant SENT_AT = Instant.ofEpochSecond(1700000000);

	private static final Duration TOLERANCE = Duration.ofMinutes(5);

	@Test
	void defaultsAreHmacSha256HexOfBodyWithoutPrefix() {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder().header("X-Signature").build();
		HttpHeaders headers = scheme.sign(new SignedContent("1", SENT_AT, RFC_DATA), List.of(RFC_KEY));
		assertThat(headers.getFirst("X-Signature"))
			.isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
		assertThat(headers.size()).isEqualTo(1);
		assertThat(scheme.name()).isEqualTo("hmac");
		assertThat(scheme.defaultIdLocation()).isNull();
		assertThat(scheme.defaultEventTypeLocation()).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "HmacSHA1, HEX, effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
			"HmacSHA1, BASE64, 7/zfauXrL6LSdBbV8YTfnCWafHk=",
			"HmacSHA256, HEX, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
			"HmacSHA256, BASE64, W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=",
			"HmacSHA512, HEX, 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
					+ "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
			"HmacSHA512, BASE64, Fkt6e/z4GeLjlfvnO1bgo4e9ZCIugx/WECcM1+olBVSXWL91wFqZSm0DT2X48Ob9"
					+ "yuqxo01Ka0tjbgcKOLznNw==" })
	void algorithmAndEncodingReproduceRfcTestVectors(String algorithm, SignatureEncoding encoding, String expected) {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder()
			.header("X-Signature")
			.algorithm(algorithm)
			.encoding(encoding)
			.prefix("mac=")
			.build();
		HttpHeaders headers = scheme.sign(new SignedContent("1", SENT_AT, RFC_DATA), List.of(RFC_KEY));
		assertThat(headers.getFirst("X-Signature")).isEqualTo("mac=" + expected);
		assertThat(scheme.verify(headers, RFC_DATA, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		headers.set("X-Signature", expected);
		assertThat(scheme.verify(headers, RFC_DATA, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void algorithmNameIgnoresCase() {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder().header("X-Signature").algorithm("hmacsha1").build();
		assertThat(scheme.sign(new SignedContent("1", SENT_AT, RFC_DATA), List.of(RFC_KEY)).getFirst("X-Signature"))
			.isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	}

	@Test
	void timestampTemplateSignsAndChecksTimestamp() {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder()
			.header("X-Signature")
			.signedContent("{timestamp}.{body}")
			.timestampHeader("X-Timestamp")
			.build();
		byte[] body = ReferenceHmac.utf8("{\"type\":\"ping\"}");
		HttpHeaders headers = scheme.sign(new SignedContent("1", SENT_AT, body), List.of(RFC_KEY));
		assertThat(headers.getFirst("X-Signature"))
			.isEqualTo(ReferenceHmac.hex("HmacSHA256", "Jefe", "1700000000.{\"type\":\"ping\"}"));
		assertThat(headers.getFirst("X-Timestamp")).isEqualTo("1700000000");
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT.plus(TOLERANCE), TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT.plus(TOLERANCE).plusSeconds(1), TOLERANCE))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT.minus(TOLERANCE).minusSeconds(1), TOLERANCE))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
		// refused for its timestamp whatever its signature: no HMAC is computed for it
		assertThat(scheme.verify(headers, body, List.of(Secret.of("other")), SENT_AT.minus(Duration.ofDays(1)),
				TOLERANCE))
			.isEqualTo(SignatureVerification.TIMESTAMP_OUT_OF_TOLERANCE);
		headers.set("x-timestamp", "1700000001");
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
		headers.set("x-timestamp", "abc");
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
		headers.remove("X-Timestamp");
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@Test
	void idAndTimestampTemplateSignsBothWithBase64AndPrefix() {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder()
			.header("X-Signature")
			.encoding(SignatureEncoding.BASE64)
			.prefix("v1,")
			.signedContent("{id}.{timestamp}.{body}")
			.timestampHeader("X-Timestamp")
			.idHeader("X-Id")
			.build();
		byte[] body = ReferenceHmac.utf8("{\"type\":\"ping\"}");
		HttpHeaders headers = scheme.sign(new SignedContent("msg_1", SENT_AT, body), List.of(RFC_KEY));
		assertThat(headers.getFirst("X-Signature"))
			.isEqualTo("v1," + ReferenceHmac.base64("HmacSHA256", "Jefe", "msg_1.1700000000.{\"type\":\"ping\"}"));
		assertThat(headers.getFirst("X-Id")).isEqualTo("msg_1");
		assertThat(headers.getFirst("X-Timestamp")).isEqualTo("1700000000");
		assertThat(scheme.defaultIdLocation()).isEqualTo("header:X-Id");
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		headers.set("X-Id", "msg_2");
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
		headers.remove("X-Id");
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@Test
	void bodyBytesAreSplicedInWithoutDecoding() {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder()
			.header("X-Signature")
			.signedContent("v0:{timestamp}:{body}")
			.timestampHeader("X-Timestamp")
			.build();
		// not UTF-8: decoding would replace these bytes and change the signature
		byte[] body = { (byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, '{', '}' };
		ByteArrayOutputStream signed = new ByteArrayOutputStream();
		signed.writeBytes(ReferenceHmac.utf8("v0:1700000000:"));
		signed.writeBytes(body);
		String expected = HexFormat.of()
			.formatHex(ReferenceHmac.compute("HmacSHA256", ReferenceHmac.utf8("Jefe"), signed.toByteArray()));
		HttpHeaders headers = scheme.sign(new SignedContent("1", SENT_AT, body), List.of(RFC_KEY));
		assertThat(headers.getFirst("X-Signature")).isEqualTo(expected);
		assertThat(scheme.verify(headers, body, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void timestampHeaderOutsideSignedContentIsSentButNotChecked() {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder()
			.header("X-Signature")
			.timestampHeader("X-Timestamp")
			.build();
		HttpHeaders headers = scheme.sign(new SignedContent("1", SENT_AT, RFC_DATA), List.of(RFC_KEY));
		assertThat(headers.getFirst("X-Timestamp")).isEqualTo("1700000000");
		headers.remove("X-Timestamp");
		assertThat(scheme.verify(headers, RFC_DATA, List.of(RFC_KEY), Instant.EPOCH, Duration.ZERO))
			.isEqualTo(SignatureVerification.VALID);
	}

	@Test
	void signUsesFirstSecretAndVerifyAcceptsAnySecretDuringRotation() {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder().header("X-Signature").build();
		Secret newSecret = Secret.of("new");
		HttpHeaders headers = scheme.sign(new SignedContent("1", SENT_AT, RFC_DATA), List.of(newSecret, RFC_KEY));
		assertThat(headers.getFirst("X-Signature"))
			.isEqualTo(ReferenceHmac.hex("HmacSHA256", "new", "what do ya want for nothing?"));
		assertThat(scheme.verify(headers, RFC_DATA, List.of(RFC_KEY, newSecret), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		headers.set("X-Signature", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
		assertThat(scheme.verify(headers, RFC_DATA, List.of(newSecret, RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.VALID);
		assertThat(scheme.verify(headers, RFC_DATA, List.of(newSecret), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void verifyWhenHeaderAbsentReturnsMissing() {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder().header("X-Signature").build();
		assertThat(scheme.verify(new HttpHeaders(), RFC_DATA, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.MISSING);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "sha256=", "sha256=xyz",
			"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
			"sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384" })
	void verifyWhenMalformedReturnsInvalid(String signature) {
		HmacSignatureScheme scheme = HmacSignatureScheme.builder().header("X-Signature").prefix("sha256=").build();
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-signature", signature);
		assertThat(scheme.verify(headers, RFC_DATA, List.of(RFC_KEY), SENT_AT, TOLERANCE))
			.isEqualTo(SignatureVerification.INVALID);
	}

	@Test
	void buildWithoutHeaderFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> HmacSignatureScheme.builder().build())
			.withMessage("A 'header' to carry the signature is required");
		assertThatIllegalArgumentException().isThrownBy(() -> HmacSignatureScheme.builder().header(" ").build())
			.withMessage("A 'header' to carry the signature is required");
	}

	@Test
	void buildWithUnknownAlgorithmFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HmacSignatureScheme.builder().header("X-Signature").algorithm("HmacMD5").build())
			.withMessage("Unknown HMAC algorithm 'HmacMD5', expected one of HmacSHA1, HmacSHA256, HmacSHA512");
	}

	@Test
	void buildWithTimestampInSignedContentButNoTimestampHeaderFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HmacSignatureScheme.builder()
				.header("X-Signature")
				.signedContent("{timestamp}.{body}")
				.build())
			.withMessage("Signed content '{timestamp}.{body}' uses {timestamp}, so a 'timestampHeader' is required");
	}

	@Test
	void buildWithIdInSignedContentButNoIdHeaderFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HmacSignatureScheme.builder()
				.header("X-Signature")
				.signedContent("{id}.{timestamp}.{body}")
				.timestampHeader("X-Timestamp")
				.build())
			.withMessage("Signed content '{id}.{timestamp}.{body}' uses {id}, so an 'idHeader' is required");
	}

	@Test
	void buildWithUnknownPlaceholderFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HmacSignatureScheme.builder().header("X-Signature").signedContent("{ts}.{body}").build())
			.withMessage("Signed content '{ts}.{body}' has unknown placeholder '{ts}', "
					+ "expected {body}, {timestamp} or {id}");
	}

	@Test
	void buildWithSignedContentWithoutBodyFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HmacSignatureScheme.builder()
				.header("X-Signature")
				.signedContent("{timestamp}")
				.timestampHeader("X-Timestamp")
				.build())
			.withMessage("Signed content '{timestamp}' must include {body}");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HmacSignatureScheme.builder().header("X-Signature").signedContent("").build())
			.withMessage("'signedContent' must not be empty");
	}

}
