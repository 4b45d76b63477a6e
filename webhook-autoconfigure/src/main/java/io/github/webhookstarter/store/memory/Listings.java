package io.github.webhookstarter.store.memory;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How the in-memory stores list what they hold for an operator: by a scan, as listing is
 * rare and the stores are bounded, rather than through an index every write would keep.
 *
 * @author Webhook Starter team
 */
final class Listings {

	private Listings() {
	}

	/**
	 * List the entries that match, in the given order, no more than the limit.
	 * @param entries the entries
	 * @param filter which entries to list
	 * @param order the order to list them in
	 * @param limit the maximum number of entries
	 * @param mapper what to list of an entry
	 * @return the entries listed
	 */
	static <E, R> List<R> list(Collection<E> entries, Predicate<E> filter, Comparator<E> order, int limit,
			Function<E, R> mapper) {
		return entries.stream().filter(filter).sorted(order).limit(Math.max(limit, 0)).map(mapper).toList();
	}

}
