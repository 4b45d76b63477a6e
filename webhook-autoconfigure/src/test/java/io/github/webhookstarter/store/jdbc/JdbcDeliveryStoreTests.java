package io.github.webhookstarter.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import io.github.webhookstarter.outbound.ClaimedDelivery;
import io.github.webhookstarter.outbound.Delivery;
import io.github.webhookstarter.outbound.DeliveryAttempt;
import io.github.webhookstarter.outbound.DeliveryStatus;
import io.github.webhookstarter.outbound.DeliveryStore;
import io.github.webhookstarter.outbound.DeliveryStoreContractTests;
import io.github.webhookstarter.outbound.WebhookMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JdbcDeliveryStore} on one database: the contract, and what only a shared
 * database shows.
 *
 * @author Webhook Starter team
 */
abstract class JdbcDeliveryStoreTests extends DeliveryStoreContractTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration LEASE = Duration.ofSeconds(30);

	private static final Set<String> ENDPOINTS = Set.of("a", "b");

	private DataSource dataSource;

	/**
	 * Return the database to test against.
	 * @return the database
	 */
	abstract JdbcTestDatabase database();

	@Override
	protected DeliveryStore createStore() {
		this.dataSource = database().emptyDataSource();
		return store("owner-1");
	}

	private JdbcDeliveryStore store(String owner) {
		return new JdbcDeliveryStore(this.dataSource, "webhook_", owner);
	}

	@Test
	void anInstanceWhoseLeaseExpiredCannotOverwriteTheResultOfTheInstanceThatClaimedAgain() {
		createStore();
		store("publisher").save(message("msg_1", T0), List.of("a"));
		JdbcDeliveryStore slow = store("instance-1");
		JdbcDeliveryStore survivor = store("instance-2");
		ClaimedDelivery first = slow.claimDue(T0, 10, LEASE, Set.of(), Set.of("a")).get(0);
		ClaimedDelivery second = survivor.claimDue(T0.plus(LEASE), 10, LEASE, Set.of(), Set.of("a")).get(0);
		String id = first.delivery().id();
		assertThat(survivor.recordAttempt(new DeliveryAttempt(id, 2, T0.plus(LEASE), Duration.ofMillis(5), 204, null,
				null), DeliveryStatus.DELIVERED, null)).isTrue();
		// the slow instance's answer arrives last, and so does the same attempt number from another owner
		assertThat(slow.recordAttempt(new DeliveryAttempt(id, 1, T0, Duration.ofSeconds(40), 500, null, null),
				DeliveryStatus.PENDING, T0.plus(LEASE).plusSeconds(5))).isFalse();
		assertThat(slow.recordAttempt(new DeliveryAttempt(id, 2, T0, Duration.ofSeconds(40), 500, null, null),
				DeliveryStatus.PENDING, T0.plus(LEASE).plusSeconds(5))).isFalse();
		assertThat(survivor.findDelivery(id).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
		assertThat(survivor.findAttempts(id)).hasSize(3)
			.filteredOn((attempt) -> attempt.error() != null && attempt.error().contains("lease lost"))
			.hasSize(2);
		assertThat(second.delivery().attempts()).isEqualTo(2);
	}

	@Test
	void twoInstancesClaimingConcurrentlyNeverClaimTheSameDeliveryAndTogetherClaimAll() throws Exception {
		createStore();
		JdbcDeliveryStore saving = store("publisher");
		List<String> saved = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			saving.save(message("msg_" + i, T0.plusMillis(i)), List.of("a", "b"))
				.forEach((delivery) -> saved.add(delivery.id()));
		}
		List<String> owners = List.of("instance-1", "instance-2");
		CyclicBarrier start = new CyclicBarrier(owners.size());
		ExecutorService executor = Executors.newFixedThreadPool(owners.size());
		try {
			List<Future<List<String>>> claims = new ArrayList<>();
			for (String owner : owners) {
				JdbcDeliveryStore store = store(owner);
				claims.add(executor.submit(() -> {
					start.await();
					List<String> claimed = new ArrayList<>();
					List<ClaimedDelivery> batch = store.claimDue(T0.plusSeconds(5), 10, LEASE, Set.of(), ENDPOINTS);
					while (!batch.isEmpty()) {
						batch.forEach((delivery) -> claimed.add(delivery.delivery().id()));
						batch = store.claimDue(T0.plusSeconds(5), 10, LEASE, Set.of(), ENDPOINTS);
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
				.query("SELECT id, locked_by FROM webhook_delivery", (resultSet, rowNum) -> Map
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
	void releaseLeavesDeliveriesClaimedByAnotherInstance() {
		JdbcDeliveryStore store = (JdbcDeliveryStore) createStore();
		Delivery saved = store.save(message("msg_1", T0), List.of("a")).get(0);
		store.claimDue(T0, 10, LEASE, Set.of(), ENDPOINTS);
		store("instance-2").release(List.of(saved.id()));
		assertThat(store.findDelivery(saved.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
		store.release(List.of(saved.id()));
		assertThat(store.findDelivery(saved.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
	}

	@Test
	void instantsAreKeptToTheMicrosecond() {
		DeliveryStore store = createStore();
		Instant published = T0.plusNanos(123_456_789);
		Instant truncated = T0.plusNanos(123_456_000);
		Delivery saved = store.save(message("msg_1", published), List.of("a")).get(0);
		assertThat(saved.createdAt()).isEqualTo(truncated);
		assertThat(store.findDelivery(saved.id())).contains(saved);
		assertThat(store.findMessage("msg_1").orElseThrow().timestamp()).isEqualTo(truncated);
		assertThat(store.claimDue(truncated.minusNanos(1000), 10, LEASE, Set.of(), ENDPOINTS)).isEmpty();
		ClaimedDelivery claimed = store.claimDue(published, 10, LEASE, Set.of(), ENDPOINTS).get(0);
		assertThat(claimed.delivery().dueAt()).isEqualTo(truncated.plus(LEASE));
		assertThat(store.findDelivery(saved.id())).contains(claimed.delivery());
	}

	@Test
	void instantsAreStoredInUtcWhateverTheDefaultTimeZone() {
		TimeZone defaultTimeZone = TimeZone.getDefault();
		TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
		try {
			DeliveryStore store = createStore();
			Delivery saved = store.save(message("msg_1", T0), List.of("a")).get(0);
			LocalDateTime stored = new JdbcTemplate(this.dataSource).queryForObject(
					"SELECT due_at FROM webhook_delivery WHERE id = ?", LocalDateTime.class, saved.id());
			assertThat(stored).isEqualTo(LocalDateTime.parse("2026-03-01T10:00:00"));
			assertThat(store.findDelivery(saved.id()).orElseThrow().dueAt()).isEqualTo(T0);
			assertThat(store.claimDue(T0.minusMillis(1), 10, LEASE, Set.of(), ENDPOINTS)).isEmpty();
			assertThat(store.claimDue(T0, 10, LEASE, Set.of(), ENDPOINTS)).hasSize(1);
		}
		finally {
			TimeZone.setDefault(defaultTimeZone);
		}
	}

	@Test
	void saveRefusesAMessageAlreadyStoredAndKeepsNoneOfItsDeliveries() {
		DeliveryStore store = createStore();
		WebhookMessage message = message("msg_1", T0);
		store.save(message, List.of("a"));
		assertThatIllegalArgumentException().isThrownBy(() -> store.save(message, List.of("b")))
			.withMessage("Message 'msg_1' is already stored");
		assertThat(store.findDeliveries("msg_1")).extracting(Delivery::endpoint).containsExactly("a");
	}

	@Test
	void recordAttemptCutsTheResponseExcerptToTheColumn() {
		DeliveryStore store = createStore();
		Delivery saved = store.save(message("msg_1", T0), List.of("a")).get(0);
		store.claimDue(T0, 10, LEASE, Set.of(), ENDPOINTS);
		store.recordAttempt(new DeliveryAttempt(saved.id(), 1, T0, Duration.ofMillis(5), 500, "x".repeat(5000),
				null), DeliveryStatus.FAILED, null);
		assertThat(store.findAttempts(saved.id())).singleElement()
			.satisfies((attempt) -> assertThat(attempt.responseExcerpt()).hasSize(4096));
	}

	@Test
	void tablePrefixMustOnlyNameTables() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcDeliveryStore(database().emptyDataSource(), "x; DROP TABLE y; --", "owner"))
			.withMessageContaining("may only hold letters, digits");
	}

	private static WebhookMessage message(String id, Instant timestamp) {
		return new WebhookMessage(id, "order.created", timestamp,
				("{\"message\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
	}

}
