package io.github.webhookstarter.sample;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java examples of the README compile, as written, against the starter and the test
 * module: each is compiled on its own, with the imports it shows, completed only where it
 * leaves something out ({@code { ... }} bodies, the bean class around a {@code @Bean} method,
 * the method around statements, and the application's own types and beans it refers to).
 */
class ReadmeExamplesTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern TOP_LEVEL_TYPE = Pattern
		.compile("^(?:public\\s+)?(?:final\\s+)?(?:class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);

	// what the test examples import without showing it
	private static final String TEST_IMPORTS = """
			import org.junit.jupiter.api.Test;
			import org.junit.jupiter.api.extension.RegisterExtension;
			import org.springframework.beans.factory.annotation.Autowired;
			import org.springframework.boot.test.context.SpringBootTest;
			import org.springframework.http.HttpStatus;
			import org.springframework.test.context.DynamicPropertyRegistry;
			import org.springframework.test.context.DynamicPropertySource;
			import org.springframework.test.web.servlet.assertj.MockMvcTester;
			import org.springframework.web.context.WebApplicationContext;
			import io.github.webhookstarter.test.AutoConfigureWebhookRequests;
			import io.github.webhookstarter.test.SignedWebhookRequest;
			import io.github.webhookstarter.test.WebhookRecorder;
			import io.github.webhookstarter.test.WebhookRequests;
			import static org.assertj.core.api.Assertions.assertThat;
			""";

	// per example, in README order: the application's own types and members it refers to
	private static final List<String> APPLICATION_PARTS = List.of(
			// listeners
			"record PushEvent(String ref) {}",
			// authenticator, a @Bean method of a configuration class
			"final class Application { static boolean isKnownPartner(String address) { return true; } }",
			// an event type
			"",
			// publishing, statements in a bean
			"record OrderCreated(String orderId, java.math.BigDecimal total) {}\n"
					+ "class Fields { org.springframework.context.ApplicationEventPublisher applicationEventPublisher;"
					+ " io.github.webhookstarter.outbound.WebhookPublisher webhookPublisher; }",
			// an endpoint bean, a @Bean method
			"",
			// the security of the subscriptions API, a @Bean method
			"",
			// a test of a receiving application
			"record Invoice(String id, int amount) {}",
			// a test of an emitting application
			"record OrderCreated(String orderId, String item, int quantity) {}\n"
					+ "class Orders { void create(String item, int quantity) {} }\n"
					+ "final class Application { static final String SECRET = \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\";"
					+ " static final Orders orders = new Orders(); }");

	@Test
	void javaExamplesOfTheReadmeCompile(@TempDir Path classes) throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		List<String> examples = new ArrayList<>();
		Matcher blocks = JAVA_BLOCK.matcher(readme);
		while (blocks.find()) {
			examples.add(blocks.group(1));
		}
		assertThat(examples).as("Java examples of the README; update APPLICATION_PARTS when they change")
			.hasSameSizeAs(APPLICATION_PARTS);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		for (int i = 0; i < examples.size(); i++) {
			String packageName = "readme.example" + (i + 1);
			String example = examples.get(i);
			String parts = APPLICATION_PARTS.get(i);
			List<JavaFileObject> sources = List.of(source(packageName, completed(packageName, example, parts)),
					source(packageName, "package " + packageName + ";\n" + parts));
			DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
			boolean compiled = compiler
				.getTask(null, null, diagnostics,
						List.of("-classpath", classPath(), "-d", classes.toString(), "-proc:none"), null, sources)
				.call();
			assertThat(compiled).as(() -> "README example " + packageName + ":\n" + example + "\n" + errors(diagnostics))
				.isTrue();
		}
	}

	// the imports first, then the rest, in a class if it declares none, in a method if it is statements
	private static String completed(String packageName, String example, String parts) {
		List<String> imports = new ArrayList<>();
		StringBuilder rest = new StringBuilder();
		for (String line : example.replace("{ ... }", "{ }").split("\n")) {
			if (rest.isEmpty() && (line.startsWith("import ") || line.isBlank())) {
				imports.add(line);
			}
			else {
				rest.append(line).append('\n');
			}
		}
		String body = rest.toString();
		if (!TOP_LEVEL_TYPE.matcher(body).find()) {
			body = body.startsWith("@") ? "class Example {\n" + body + "}\n"
					: "class Example" + (parts.contains("class Fields") ? " extends Fields" : "") + " {\nvoid example() {\n"
							+ body + "}\n}\n";
		}
		String application = parts.contains("class Application") ? "import static " + packageName + ".Application.*;\n"
				: "";
		return "package " + packageName + ";\n" + TEST_IMPORTS + String.join("\n", imports) + "\n" + application + body;
	}

	private static JavaFileObject source(String packageName, String code) {
		Matcher type = TOP_LEVEL_TYPE.matcher(code);
		String name = (type.find() && code.contains("public ")) ? type.group(1) : "Part" + Math.abs(code.hashCode());
		return new SimpleJavaFileObject(URI.create("string:///" + packageName.replace('.', '/') + "/" + name + ".java"),
				JavaFileObject.Kind.SOURCE) {

			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return code;
			}

		};
	}

	// surefire runs the tests from a manifest-only jar, and names the real class path in this property
	private static String classPath() {
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

	private static String errors(DiagnosticCollector<JavaFileObject> diagnostics) {
		StringBuilder errors = new StringBuilder();
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
				errors.append(diagnostic).append('\n');
			}
		}
		return errors.toString();
	}

}
