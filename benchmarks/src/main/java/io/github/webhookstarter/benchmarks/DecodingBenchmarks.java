package io.github.webhookstarter.benchmarks;

import java.util.Map;

import org.openjdk.jmh.runner.RunnerException;

import io.github.webhookstarter.benchmarks.jmh.DecodingBenchmark;
import io.github.webhookstarter.benchmarks.jmh.JmhRunner;

/**
 * The JMH benchmarks of decoding: a 64 KB JSON body in {@code gzip}, {@code deflate} and
 * {@code br}, through the inbound endpoint's bounded reader against the bare
 * {@code GZIPInputStream}, {@code InflaterInputStream} and Brotli4j {@code BrotliInputStream}.
 * Each comparison ends the output as a {@code RESULT|...} line (see {@link JmhRunner}).
 * <p>
 * Run with {@code ./mvnw -q -o install -DskipTests -pl webhook-autoconfigure,webhook-starter -am}
 * once, then
 * {@code ./mvnw -q -pl benchmarks exec:java -Dexec.mainClass=io.github.webhookstarter.benchmarks.DecodingBenchmarks}
 * (about a minute). {@link SignatureBenchmarks} runs these too.
 */
public final class DecodingBenchmarks {

	private static final Map<String, String> BARE = Map.of("gzip", "bare GZIPInputStream", "deflate",
			"bare InflaterInputStream", "br", "bare Brotli4j BrotliInputStream");

	private DecodingBenchmarks() {
	}

	public static void main(String[] args) throws Exception {
		JmhRunner runner = new JmhRunner();
		run(runner);
		runner.printResults();
	}

	static void run(JmhRunner runner) throws RunnerException {
		runner.run(DecodingBenchmark.class);
		for (String coding : new String[] { "gzip", "deflate", "br" }) {
			runner.compare("Decoding (JMH)", coding + " decode 64 KB", BARE.get(coding),
					runner.score(DecodingBenchmark.class, "bare", "coding", coding),
					runner.score(DecodingBenchmark.class, "ours", "coding", coding), "ops/s");
		}
	}

}
