package io.github.webhookstarter.benchmarks.jmh;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs JMH benchmarks through the JMH Runner API, short enough for a 2-core machine (one fork,
 * four warmup iterations of a second and four measured ones of half a second), and collects the
 * comparisons of ours against each baseline as {@code RESULT} lines, printed once every
 * benchmark has run:
 * {@code RESULT|<section>|<case>|<baseline label>|<baseline value>|<our value>|<unit>|higher}.
 * A value is the median of the measured iterations, which a burst of load on a shared machine
 * moves less than the mean; JMH's own table, printed before, shows the means.
 * <p>
 * System properties: {@code jmh.warmup} and {@code jmh.iterations} (counts), {@code jmh.warmupTime}
 * and {@code jmh.time} (milliseconds per iteration), {@code jmh.forks}, {@code jmh.prof} (a
 * profiler such as {@code gc}), {@code jmh.jvm} (the {@code java} executable of the forks).
 */
public final class JmhRunner {

	private final List<String> rows = new ArrayList<>();

	private Collection<RunResult> results = List.of();

	/**
	 * Run the benchmarks of the given classes.
	 * @param benchmarks the benchmark classes
	 * @throws RunnerException if JMH fails
	 */
	public void run(Class<?>... benchmarks) throws RunnerException {
		exposeClassPath();
		ChainedOptionsBuilder options = new OptionsBuilder().forks(Integer.getInteger("jmh.forks", 1))
			.warmupIterations(Integer.getInteger("jmh.warmup", 4))
			.warmupTime(TimeValue.milliseconds(Integer.getInteger("jmh.warmupTime", 1000)))
			.measurementIterations(Integer.getInteger("jmh.iterations", 4))
			.measurementTime(TimeValue.milliseconds(Integer.getInteger("jmh.time", 500)))
			.threads(1)
			// not the options of the build's JVM, which exec:java would pass on
			.jvmArgs("-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED");
		String jvm = System.getProperty("jmh.jvm");
		if (jvm != null && !jvm.isBlank()) {
			options.jvm(jvm);
		}
		for (Class<?> benchmark : benchmarks) {
			options.include("^" + benchmark.getName().replace(".", "\\.") + "\\.");
		}
		String profiler = System.getProperty("jmh.prof");
		if (profiler != null && !profiler.isBlank()) {
			options.addProfiler(profiler);
		}
		List<RunResult> all = new ArrayList<>(this.results);
		all.addAll(new Runner(options.build()).run());
		this.results = all;
	}

	/**
	 * Return the score of a benchmark.
	 * @param benchmark the benchmark class
	 * @param method its benchmark method
	 * @param params the values of its parameters, name then value
	 * @return the median of the measured iterations, in the output unit of the benchmark
	 */
	public double score(Class<?> benchmark, String method, String... params) {
		String name = benchmark.getName() + "." + method;
		for (RunResult result : this.results) {
			if (result.getParams().getBenchmark().equals(name) && matches(result, params)) {
				List<Double> scores = new ArrayList<>();
				for (BenchmarkResult fork : result.getBenchmarkResults()) {
					for (IterationResult iteration : fork.getIterationResults()) {
						scores.add(iteration.getPrimaryResult().getScore());
					}
				}
				Collections.sort(scores);
				int middle = scores.size() / 2;
				return (scores.size() % 2 == 1) ? scores.get(middle)
						: (scores.get(middle - 1) + scores.get(middle)) / 2;
			}
		}
		throw new IllegalStateException("No result for " + name + " " + String.join(" ", params));
	}

	private static boolean matches(RunResult result, String[] params) {
		for (int i = 0; i < params.length; i += 2) {
			if (!params[i + 1].equals(result.getParams().getParam(params[i]))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Add a comparison where a higher value is better.
	 * @param section the section of the results
	 * @param name the case
	 * @param baselineLabel what the baseline is
	 * @param baseline the baseline's value
	 * @param ours our value
	 * @param unit the unit of both values
	 */
	public void compare(String section, String name, String baselineLabel, double baseline, double ours,
			String unit) {
		this.rows.add(String.format(Locale.ROOT, "RESULT|%s|%s|%s|%.1f|%.1f|%s|higher", section, name, baselineLabel,
				baseline, ours, unit));
	}

	/**
	 * Print every comparison added, one line each, with a line of ratios for a reader.
	 */
	public void printResults() {
		System.out.println();
		for (String row : this.rows) {
			String[] fields = row.split("\\|");
			double ratio = Double.parseDouble(fields[5]) / Double.parseDouble(fields[4]);
			System.out.printf(Locale.ROOT, "# %s vs %s: %.2f x%n", fields[2], fields[3], ratio);
		}
		this.rows.forEach(System.out::println);
	}

	/**
	 * JMH forks with the class path of {@code java.class.path}; under {@code exec:java} the
	 * benchmarks are on the class loader of the build instead: give the fork that.
	 */
	private static void exposeClassPath() {
		if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
			List<String> entries = new ArrayList<>();
			for (URL url : loader.getURLs()) {
				entries.add(new File(url.getPath()).getPath());
			}
			if (!entries.isEmpty()) {
				System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
			}
		}
	}

}
