package io.github.webhookstarter.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link BrotliSupport}.
 *
 * @author Webhook Starter team
 */
@ExtendWith(OutputCaptureExtension.class)
class BrotliSupportTests {

	private static final String WARNING = "Brotli decoding is not available";

	private static final byte[] TEXT = "{\"type\":\"invoice.paid\",\"amount\":4200}\n".repeat(300)
		.getBytes(StandardCharsets.UTF_8);

	@BeforeAll
	static void loadBrotli4j() {
		// for Encoder, which does not load the native library itself
		Brotli4jLoader.ensureAvailability();
	}

	@Test
	void isAvailableWhenBrotli4jAndItsNativeArePresentReturnsTrue(CapturedOutput output) {
		assertThat(new BrotliSupport().isAvailable())
			.as("Brotli4j and the native for this platform must be on the test class path")
			.isTrue();
		assertThat(output).doesNotContain(WARNING);
	}

	@Test
	void isAvailableWhenBrotli4jIsMissingReturnsFalseAndWarnsOnce(CapturedOutput output) throws IOException {
		try (URLClassLoader classLoader = new Brotli4jHidingClassLoader()) {
			BrotliSupport brotli = new BrotliSupport(classLoader);
			assertThat(output).doesNotContain(WARNING);
			assertThat(brotli.isAvailable()).isFalse();
			assertThat(brotli.isAvailable()).isFalse();
		}
		assertThat(StringUtils.countOccurrencesOf(output.toString(), WARNING)).isOne();
		assertThat(output).contains("add com.aayushatharva.brotli4j:brotli4j and the native for your platform")
			.contains("'Content-Encoding: br' will be answered 415");
	}

	@Test
	void decodeWhenUnavailableThrowsException() throws IOException {
		try (URLClassLoader classLoader = new Brotli4jHidingClassLoader()) {
			BrotliSupport brotli = new BrotliSupport(classLoader);
			assertThatIllegalStateException().isThrownBy(() -> brotli.decode(new byte[] { 1 }))
				.withMessage("Brotli4j is not available");
		}
	}

	@Test
	void decodeReadsInChunks() throws IOException {
		try (InputStream decoded = new BrotliSupport().decode(Encoder.compress(TEXT))) {
			assertThat(decoded.readAllBytes()).isEqualTo(TEXT);
			assertThat(decoded.read()).isEqualTo(-1);
			assertThat(decoded.read(new byte[8], 0, 8)).isEqualTo(-1);
		}
	}

	@Test
	void decodeReadsByteByByte() throws IOException {
		ByteArrayOutputStream decoded = new ByteArrayOutputStream();
		try (InputStream in = new BrotliSupport().decode(Encoder.compress(TEXT))) {
			int b;
			while ((b = in.read()) != -1) {
				decoded.write(b);
			}
		}
		assertThat(decoded.toByteArray()).isEqualTo(TEXT);
	}

	@Test
	void decodeWhenReadAfterCloseThrowsException() throws IOException {
		InputStream decoded = new BrotliSupport().decode(Encoder.compress(TEXT));
		decoded.close();
		decoded.close();
		assertThatIOException().isThrownBy(decoded::read);
	}

	@Test
	void decodeWhenDataFollowsTheStreamThrowsException() throws IOException {
		byte[] compressed = Encoder.compress(TEXT);
		byte[] followed = Arrays.copyOf(compressed, compressed.length + 20_000);
		try (InputStream decoded = new BrotliSupport().decode(followed)) {
			assertThatIOException().isThrownBy(decoded::readAllBytes);
		}
	}

}
