package io.github.webhookstarter.store.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundStoreContractTests;
import io.github.webhookstarter.inbound.StoredInboundCall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcInboundStore} on one database: the contract, and what only a shared
 * database shows.
 *
 * @author Webhook Starter team
 */
abstract class JdbcInboundStoreTests extends InboundStoreContractTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration LEASE = Duration.ofSeconds(30);

	private DataSource dataSource;

	/**
	 * Return the database to test against.
	 * @return the database
	 */
	abstract JdbcTestDatabase database();

	@Override
	protected InboundStore createStore() {
		this.dataSource = database().emptyDataSource();
		return store("owner-1");
	}

	private JdbcInboundStore store(String owner) {
		return new JdbcInboundStore(this.dataSource, "webhook_", owner);
	}

	@Test
	void twoInstancesClaimingConcurrentlyNeverClaimTheSameCallAndTogetherClaimAll() throws Exception {
		createStore();
		JdbcInboundStore receiving = store("receiver");
		List<String> saved = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			InboundCall call = call("github", "wh_" + i, T0.plusMillis(i));
			assertThat(receiving.savePending(call)).isTrue();
			saved.add(call.id());
		}
		List<String> owners = List.of("instance-1", "instance-2");
		CyclicBarrier start = new CyclicBarrier(owners.size());
		ExecutorService executor = Executors.newFixedThreadPool(owners.size());
		try {
			List<Future<List<String>>> claims = new ArrayList<>();
			for (String owner : owners) {
				JdbcInboundStore store = store(owner);
				claims.add(executor.submit(() -> {
					start.await();
					List<String> claimed = new ArrayList<>();
					List<StoredInboundCall> batch = store.claimDue(T0.plusSeconds(5), 10, LEASE);
					while (!batch.isEmpty()) {
						batch.forEach((stored) -> claimed.add(stored.call().id()));
						batch = store.claimDue(T0.plusSeconds(5), 10, LEASE);
					}
					return claimed;
				}));
			}
			List<String> claimed = new ArrayList<>();
			Map<String, String> claimedBy = new HashMap<>();
			for (int i = 0; i < owners.size(); i++) {
				List<String> ids = claims.get(i).get(2, TimeUnit.MINUTES);
				claimed.addAll(ids);
				for (String id : ids) {
					claimedBy.put(id, owners.get(i));
				}
			}
			assertThat(claimed).hasSize(2000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(saved);
			Map<String, String> lockedBy = new JdbcTemplate(this.dataSource)
				.query("SELECT id, locked_by FROM webhook_inbound_call", (resultSet, rowNum) -> Map
					.entry(resultSet.getString("id"), resultSet.getString("locked_by")))
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
			assertThat(lockedBy).isEqualTo(claimedBy);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void concurrentDuplicatesAreStoredOnce() throws Exception {
		createStore();
		List<JdbcInboundStore> stores = List.of(store("instance-1"), store("instance-2"));
		CyclicBarrier start = new CyclicBarrier(stores.size());
		ExecutorService executor = Executors.newFixedThreadPool(stores.size());
		try {
			List<Future<Integer>> saves = new ArrayList<>();
			for (JdbcInboundStore store : stores) {
				saves.add(executor.submit(() -> {
					start.await();
					int stored = 0;
					for (int i = 0; i < 200; i++) {
						stored += store.savePending(call("github", "wh_" + i, T0)) ? 1 : 0;
					}
					return stored;
				}));
			}
			int stored = 0;
			for (Future<Integer> save : saves) {
				stored += save.get(1, TimeUnit.MINUTES);
			}
			assertThat(stored).isEqualTo(200);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void instantsAreKeptToTheMicrosecond() {
		InboundStore store = createStore();
		InboundCall call = call("github", UUID.randomUUID().toString(), T0.plusNanos(123_456_789));
		store.savePending(call);
		StoredInboundCall stored = store.find(call.id()).orElseThrow();
		assertThat(stored.call().receivedAt()).isEqualTo(T0.plusNanos(123_456_000));
		assertThat(stored.dueAt()).isEqualTo(T0.plusNanos(123_456_000));
	}

}
