package io.github.webhookstarter.benchmarks.jmh;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * JSON bodies of a given size for the JMH benchmarks: an array of order-like objects with
 * varied values, so that they compress about as well as real webhook payloads, not as well as
 * repeated text. The same size always gives the same bytes.
 */
public final class Payloads {

	private Payloads() {
	}

	/**
	 * Return a JSON body of exactly the given size, in ASCII.
	 * @param size the size in bytes, at least 64
	 * @return the body
	 */
	public static byte[] json(int size) {
		SplittableRandom random = new SplittableRandom(size);
		String[] statuses = { "pending", "paid", "shipped", "refunded" };
		StringBuilder json = new StringBuilder(size).append("{\"type\":\"order.created\",\"data\":[");
		String separator = "";
		while (true) {
			String order = separator + "{\"id\":\"ord_" + Long.toHexString(random.nextLong()) + "\",\"amount\":"
					+ random.nextInt(100_000) + ",\"currency\":\"EUR\",\"status\":\""
					+ statuses[random.nextInt(statuses.length)] + "\",\"customer\":{\"email\":\"c"
					+ random.nextInt(1_000_000) + "@example.com\"}}";
			if (json.length() + order.length() + 2 > size) {
				break;
			}
			json.append(order);
			separator = ",";
		}
		// whitespace up to the exact size keeps it a valid JSON document
		json.append(" ".repeat(size - 2 - json.length())).append("]}");
		return json.toString().getBytes(StandardCharsets.US_ASCII);
	}

}
