package io.github.webhookstarter.benchmarks;

import java.util.List;
import java.util.Set;

import io.github.webhookstarter.benchmarks.jmh.DecodingBenchmark;
import io.github.webhookstarter.benchmarks.jmh.JmhRunner;
import io.github.webhookstarter.benchmarks.jmh.SchemeVerifyBenchmark;
import io.github.webhookstarter.benchmarks.jmh.StandardSignatureBenchmark;

/**
 * The JMH benchmarks of signature work, run through the JMH Runner API: signing and verifying
 * {@code standard} at 1 KB and 64 KB, ours against {@code com.svix:svix},
 * {@code com.standardwebhooks:standardwebhooks} and the floor (one reused {@code Mac} over the
 * same bytes), and verifying with each vendor scheme at 1 KB against its floor; then, unless
 * the argument {@code signature} is given, the {@link DecodingBenchmarks decoding} ones. Each
 * comparison ends the output as a {@code RESULT|...} line (see {@link JmhRunner}).
 * <p>
 * Run with {@code ./mvnw -q -o install -DskipTests -pl webhook-autoconfigure,webhook-starter -am}
 * once, then
 * {@code ./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=io.github.webhookstarter.benchmarks.SignatureBenchmarks}
 * (under four minutes; {@code -Dexec.args=signature} for signatures only).
 */
public final class SignatureBenchmarks {

	static final String SECTION = "Signature verification (JMH)";

	private static final String FLOOR = "one reused Mac (floor)";

	private SignatureBenchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Set<String> parts = (args.length > 0) ? Set.of(args) : Set.of("signature", "decoding");
		JmhRunner runner = new JmhRunner();
		if (parts.contains("signature")) {
			runner.run(StandardSignatureBenchmark.class, SchemeVerifyBenchmark.class);
			compare(runner);
		}
		if (parts.contains("decoding")) {
			DecodingBenchmarks.run(runner);
		}
		runner.printResults();
	}

	static void compare(JmhRunner runner) {
		Class<?> standard = StandardSignatureBenchmark.class;
		for (String size : List.of("1024", "65536")) {
			String label = (Integer.parseInt(size) / 1024) + " KB";
			double floor = runner.score(standard, "floor", "size", size);
			for (String operation : List.of("verify", "sign")) {
				String name = "standard " + operation + " " + label;
				String suffix = Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
				double ours = runner.score(standard, "ours" + suffix, "size", size);
				runner.compare(SECTION, name, FLOOR, floor, ours, "ops/ms");
				runner.compare(SECTION, name, "com.svix:svix", runner.score(standard, "svix" + suffix, "size", size),
						ours, "ops/ms");
				runner.compare(SECTION, name, "com.standardwebhooks:standardwebhooks",
						runner.score(standard, "standardWebhooks" + suffix, "size", size), ours, "ops/ms");
			}
		}
		for (String scheme : List.of("github", "stripe", "shopify", "slack", "paddle", "servo")) {
			runner.compare(SECTION, scheme + " verify 1 KB", FLOOR,
					runner.score(SchemeVerifyBenchmark.class, "floor", "scheme", scheme),
					runner.score(SchemeVerifyBenchmark.class, "ours", "scheme", scheme), "ops/ms");
		}
	}

}
