package io.github.webhookstarter.inbound;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import io.github.webhookstarter.codec.Brotli4jHidingClassLoader;
import io.github.webhookstarter.codec.BrotliSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link WebhookBodyReader} when Brotli4j, an optional dependency, is left out.
 *
 * @author Webhook Starter team
 */
class WebhookBodyReaderWithoutBrotli4jTests {

	private static final byte[] TEXT = "{\"type\":\"invoice.paid\",\"amount\":4200}\n".repeat(300)
		.getBytes(StandardCharsets.UTF_8);

	/**
	 * Loads the reader and this class from the main classes with a class loader that cannot
	 * see Brotli4j at all, as when the optional dependency is left out: nothing may fail to
	 * link, and {@code br} is answered 415.
	 */
	@Test
	void readerWorksWithoutBrotli4jOnTheClassPath() throws Exception {
		try (URLClassLoader classLoader = new Brotli4jHidingClassLoader()) {
			Class<?> brotliSupportClass = classLoader.loadClass(BrotliSupport.class.getName());
			assertThat(brotliSupportClass.getClassLoader()).isSameAs(classLoader);
			Object brotli = brotliSupportClass.getConstructor().newInstance();
			assertThat(brotliSupportClass.getMethod("isAvailable").invoke(brotli)).isEqualTo(false);
			Object limits = construct(classLoader.loadClass(BodyLimits.class.getName()), 1024L * 1024, 1024L * 1024,
					1000.0);
			Object reader = construct(classLoader.loadClass(WebhookBodyReader.class.getName()), limits, brotli);
			Method read = reader.getClass().getDeclaredMethod("read", InputStream.class, long.class, String.class);
			read.setAccessible(true);

			Object body = read.invoke(reader, new ByteArrayInputStream(gzip(TEXT)), -1L, "gzip");
			Method decoded = body.getClass().getDeclaredMethod("decoded");
			decoded.setAccessible(true);
			assertThat(decoded.invoke(body)).isEqualTo(TEXT);

			Throwable thrown = catchThrowable(
					() -> read.invoke(reader, new ByteArrayInputStream(new byte[] { 1 }), 1L, "br"));
			assertThat(thrown).isInstanceOf(InvocationTargetException.class);
			Throwable rejection = thrown.getCause();
			assertThat(rejection.getClass().getName()).isEqualTo(WebhookRejectedException.class.getName());
			Method getStatus = rejection.getClass().getDeclaredMethod("getStatus");
			getStatus.setAccessible(true);
			assertThat(getStatus.invoke(rejection)).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
			assertThat(rejection).hasMessageContaining("brotli is not available on this server");
		}
	}

	private static Object construct(Class<?> type, Object... arguments) throws Exception {
		Constructor<?> constructor = type.getDeclaredConstructors()[0];
		constructor.setAccessible(true);
		return constructor.newInstance(arguments);
	}

	private static byte[] gzip(byte[] content) throws IOException {
		ByteArrayOutputStream gzip = new ByteArrayOutputStream();
		try (OutputStream out = new GZIPOutputStream(gzip)) {
			out.write(content);
		}
		return gzip.toByteArray();
	}

}
