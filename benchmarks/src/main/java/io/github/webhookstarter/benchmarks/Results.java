package io.github.webhookstarter.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * The lines {@code benchmarks/run.sh} collects from every harness, next to the harness's own
 * output:
 * <pre>
 * RESULT|section|case|baseline label|baseline value|our value|unit|higher or lower
 * NOTE|section|text
 * </pre>
 * {@code higher}: a higher value is better. The script computes the ratio, ours / baseline for
 * {@code higher} and baseline / ours for {@code lower}, so that a ratio above 1 means the starter
 * wins.
 */
final class Results {

	private Results() {
	}

	/**
	 * Print a figure whose lower value is better, such as a time.
	 * @param section the section, one table of the results
	 * @param name the case, unique in its section
	 * @param baselineLabel what the baseline is
	 * @param baseline the baseline's value
	 * @param ours the starter's value
	 * @param unit the unit of both values
	 */
	static void lower(String section, String name, String baselineLabel, double baseline, double ours, String unit) {
		print(section, name, baselineLabel, baseline, ours, unit, "lower");
	}

	/**
	 * Print a figure whose higher value is better, such as a rate.
	 * @param section the section, one table of the results
	 * @param name the case, unique in its section
	 * @param baselineLabel what the baseline is
	 * @param baseline the baseline's value
	 * @param ours the starter's value
	 * @param unit the unit of both values
	 */
	static void higher(String section, String name, String baselineLabel, double baseline, double ours, String unit) {
		print(section, name, baselineLabel, baseline, ours, unit, "higher");
	}

	/**
	 * Print a note that the script writes under the section's table.
	 * @param section the section
	 * @param text the note, on one line
	 */
	static void note(String section, String text) {
		System.out.println("NOTE|" + section + "|" + text.replace('|', '/').replace('\n', ' '));
	}

	/**
	 * Whether this is a smoke run ({@code benchmarks/run.sh --quick} sets
	 * {@code -Dbench.quick=true}), whose figures are not to be published: a harness may skip
	 * its warm-up.
	 * @return whether this is a smoke run
	 */
	static boolean quick() {
		return Boolean.getBoolean("bench.quick");
	}

	/**
	 * The suffix of a case measured on this JVM: {@code jdk17}, {@code jdk25}.
	 * @return the suffix
	 */
	static String jdk() {
		return "jdk" + Runtime.version().feature();
	}

	/**
	 * The CPU time this process has used so far, every thread included: on a loaded machine,
	 * the CPU a run costs compares where its elapsed time, a share of cores others use too,
	 * does not.
	 * @return the seconds of CPU time, or {@code -1} if the JVM does not tell
	 */
	static double cpuSeconds() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime() / 1e9;
		}
		return -1;
	}

	/**
	 * Return the median of figures: the middle one, or the mean of the two middle ones.
	 */
	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static void print(String section, String name, String baselineLabel, double baseline, double ours,
			String unit, String better) {
		System.out.println(String.join("|", "RESULT", section, name, baselineLabel.replace('|', '/'),
				format(baseline), format(ours), unit, better));
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, (Math.abs(value) >= 100) ? "%.1f" : "%.4g", value);
	}

}
