package io.github.webhookstarter.store.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.github.webhookstarter.outbound.EndpointState;
import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.outbound.EndpointStateStoreContractTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link JdbcEndpointStateStore} on one database: the contract, and what only a
 * shared database shows: instances that share the state, and the state that outlives them.
 *
 * @author Webhook Starter team
 */
abstract class JdbcEndpointStateStoreTests extends EndpointStateStoreContractTests {

	private static final int ENDPOINTS = 50;

	private DataSource dataSource;

	/**
	 * Return the database to test against.
	 * @return the database
	 */
	abstract JdbcTestDatabase database();

	@Override
	protected EndpointStateStore createStore() {
		this.dataSource = database().emptyDataSource();
		return store();
	}

	// a store as another instance of the application, or the same one restarted, creates it
	private JdbcEndpointStateStore store() {
		return new JdbcEndpointStateStore(this.dataSource, "webhook_");
	}

	@Test
	void twoInstancesShareWhetherAnEndpointIsDisabled() {
		EndpointStateStore first = store();
		EndpointStateStore second = store();
		assertThat(first.disable("a", "it answered 410 Gone", T0)).isTrue();
		assertThat(second.findDisabled()).containsExactly("a");
		assertThat(second.disable("a", "every attempt failed", T0.plusSeconds(1))).isFalse();
		assertThat(second.find("a")).isEqualTo(new EndpointState("a", true, "it answered 410 Gone", T0, null, null));
		assertThat(second.enable("a")).isTrue();
		assertThat(first.findDisabled()).isEmpty();
		assertThat(first.enable("a")).isFalse();
	}

	@Test
	void twoInstancesShareSinceWhenAnEndpointIsFailing() {
		EndpointStateStore first = store();
		EndpointStateStore second = store();
		assertThat(first.recordFailure("a", T0)).isEqualTo(T0);
		assertThat(second.recordFailure("a", T0.plusSeconds(5))).isEqualTo(T0);
		second.recordSuccess("a");
		assertThat(first.find("a").failingSince()).isNull();
		assertThat(first.recordFailure("a", T0.plusSeconds(10))).isEqualTo(T0.plusSeconds(10));
	}

	@Test
	void twoInstancesShareTheRateLimitOfAnEndpoint() {
		EndpointStateStore first = store();
		EndpointStateStore second = store();
		assertThat(first.reserveSend("a", T0, SPACING)).isNull();
		assertThat(second.reserveSend("a", T0, SPACING)).isEqualTo(T0.plus(SPACING));
		assertThat(second.reserveSend("a", T0.plus(SPACING), SPACING)).isNull();
		assertThat(first.reserveSend("a", T0.plus(SPACING), SPACING)).isEqualTo(T0.plus(SPACING.multipliedBy(2)));
	}

	@Test
	void twoInstancesReservingConcurrentlyNeverGrantTwoSendsWithinOneSpacing() throws Exception {
		assertNoTwoSendsWithinOneSpacing(store(), store());
	}

	@Test
	void twoInstancesDisablingConcurrentlyDisableEachEndpointOnce() throws Exception {
		List<List<Boolean>> disabled = concurrently((store, instance, endpoint) -> store.disable(endpoint, "gone", T0));
		for (int i = 0; i < ENDPOINTS; i++) {
			assertThat(disabled.get(0).get(i)).as("endpoint %d", i).isNotEqualTo(disabled.get(1).get(i));
		}
	}

	@Test
	void twoInstancesFailingConcurrentlyAgreeOnTheFirstFailure() throws Exception {
		List<List<Instant>> failingSince = concurrently(
				(store, instance, endpoint) -> store.recordFailure(endpoint, T0.plusSeconds(instance)));
		assertThat(failingSince.get(0)).isEqualTo(failingSince.get(1));
	}

	@Test
	void stateOutlivesTheStoreThatChangedIt() {
		EndpointStateStore before = store();
		before.disable("a", "it answered 410 Gone", T0);
		before.recordFailure("b", T0);
		before.reserveSend("c", T0, SPACING);
		EndpointStateStore restarted = store();
		assertThat(restarted.findDisabled()).containsExactly("a");
		assertThat(restarted.find("a")).isEqualTo(new EndpointState("a", true, "it answered 410 Gone", T0, null, null));
		assertThat(restarted.recordFailure("b", T0.plusSeconds(5))).isEqualTo(T0);
		assertThat(restarted.reserveSend("c", T0, SPACING)).isEqualTo(T0.plus(SPACING));
	}

	@Test
	void changesStayWhenTheCallersTransactionRollsBack() {
		EndpointStateStore store = store();
		new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)).executeWithoutResult((status) -> {
			store.disable("a", "gone", T0);
			store.recordFailure("b", T0);
			store.reserveSend("c", T0, SPACING);
			status.setRollbackOnly();
		});
		assertThat(store.findDisabled()).containsExactly("a");
		assertThat(store.find("b").failingSince()).isEqualTo(T0);
		assertThat(store.find("c").nextSendAt()).isEqualTo(T0.plus(SPACING));
	}

	@Test
	void disabledReasonIsCutToTheColumn() {
		EndpointStateStore store = store();
		store.disable("a", "x".repeat(5000), T0);
		assertThat(store.find("a").disabledReason()).hasSize(2000);
	}

	@Test
	void instantsAreKeptToTheMicrosecond() {
		EndpointStateStore store = store();
		Instant now = T0.plusNanos(123_456_789);
		Instant truncated = T0.plusNanos(123_456_000);
		assertThat(store.recordFailure("a", now)).isEqualTo(truncated);
		assertThat(store.reserveSend("a", now, SPACING)).isNull();
		assertThat(store.reserveSend("a", now, SPACING)).isEqualTo(truncated.plus(SPACING));
		assertThat(store.find("a")).isEqualTo(new EndpointState("a", false, null, null, truncated,
				truncated.plus(SPACING)));
	}

	@Test
	void tablePrefixMustOnlyNameTables() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcEndpointStateStore(database().emptyDataSource(), "x; DROP TABLE y; --"))
			.withMessageContaining("may only hold letters, digits");
	}

	// two instances change the same new endpoints at once, in the same order
	private <T> List<List<T>> concurrently(Change<T> change) throws Exception {
		CyclicBarrier start = new CyclicBarrier(2);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			List<Future<List<T>>> instances = new ArrayList<>();
			for (int instance = 0; instance < 2; instance++) {
				EndpointStateStore store = store();
				int number = instance;
				instances.add(executor.submit(() -> {
					start.await();
					List<T> results = new ArrayList<>();
					for (int i = 0; i < ENDPOINTS; i++) {
						results.add(change.apply(store, number, "endpoint-" + i));
					}
					return results;
				}));
			}
			List<List<T>> results = new ArrayList<>();
			for (Future<List<T>> instance : instances) {
				results.add(instance.get(1, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	@FunctionalInterface
	private interface Change<T> {

		T apply(EndpointStateStore store, int instance, String endpoint);

	}

}
