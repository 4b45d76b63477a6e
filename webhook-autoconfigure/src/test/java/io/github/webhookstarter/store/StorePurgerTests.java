package io.github.webhookstarter.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.http.HttpHeaders;

import io.github.webhookstarter.core.MutableClock;
import io.github.webhookstarter.inbound.InboundCall;
import io.github.webhookstarter.outbound.WebhookMessage;
import io.github.webhookstarter.store.memory.InMemoryDeliveryStore;
import io.github.webhookstarter.store.memory.InMemoryInboundStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link StorePurger}.
 *
 * @author Webhook Starter team
 */
class StorePurgerTests {

	private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	private static final Duration RETENTION = Duration.ofDays(7);

	private final MutableClock clock = new MutableClock(T0);

	private final InMemoryInboundStore inboundStore = new InMemoryInboundStore();

	private final InMemoryDeliveryStore deliveryStore = new InMemoryDeliveryStore();

	@Test
	void purgeNowPurgesEachStoreOfWhatIsOlderThanTheRetention() {
		InboundCall old = processedCall(T0);
		InboundCall recent = processedCall(T0.plus(Duration.ofDays(2)));
		this.deliveryStore.save(message("msg_old", T0), List.of());
		this.deliveryStore.save(message("msg_pending", T0), List.of("a"));
		this.deliveryStore.save(message("msg_recent", T0.plus(Duration.ofDays(2))), List.of());
		StorePurger purger = new StorePurger(this.inboundStore, this.deliveryStore, RETENTION, this.clock);
		this.clock.set(T0.plus(RETENTION).plusSeconds(1));
		purger.purgeNow();
		assertThat(this.inboundStore.find(old.id())).isEmpty();
		assertThat(this.inboundStore.find(recent.id())).isPresent();
		assertThat(this.deliveryStore.findMessage("msg_old")).isEmpty();
		assertThat(this.deliveryStore.findMessage("msg_pending")).isPresent();
		assertThat(this.deliveryStore.findMessage("msg_recent")).isPresent();
		this.clock.advance(Duration.ofDays(2));
		purger.purgeNow();
		assertThat(this.inboundStore.find(recent.id())).isEmpty();
		assertThat(this.deliveryStore.findMessage("msg_recent")).isEmpty();
		assertThat(this.deliveryStore.findMessage("msg_pending")).isPresent();
	}

	@Test
	void purgeNowPurgesBatchAfterBatchUntilABatchIsNotFull() {
		List<String> calls = new ArrayList<>();
		for (int i = 0; i < 2 * StorePurger.BATCH_SIZE + 1; i++) {
			calls.add(processedCall(T0).id());
		}
		this.clock.set(T0.plus(RETENTION).plusSeconds(1));
		new StorePurger(this.inboundStore, null, RETENTION, this.clock).purgeNow();
		assertThat(calls).allSatisfy((id) -> assertThat(this.inboundStore.find(id)).isEmpty());
	}

	@Test
	void purgeNowPurgesTheOtherStoresWhenOneFails() {
		InMemoryInboundStore failingStore = new InMemoryInboundStore() {

			@Override
			public int purge(Instant before, int limit) {
				throw new IllegalStateException("Database down");
			}

		};
		this.deliveryStore.save(message("msg_old", T0), List.of());
		this.clock.set(T0.plus(RETENTION).plusSeconds(1));
		new StorePurger(failingStore, this.deliveryStore, RETENTION, this.clock).purgeNow();
		assertThat(this.deliveryStore.findMessage("msg_old")).isEmpty();
	}

	@Test
	void intervalIsATenthOfTheRetentionFromAMinuteToAnHour() {
		assertThat(interval(Duration.ofDays(7))).isEqualTo(Duration.ofHours(1));
		assertThat(interval(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(6));
		assertThat(interval(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void retentionMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> interval(Duration.ZERO));
	}

	@Test
	void startRunsUntilStopped() {
		InboundCall old = processedCall(T0);
		this.deliveryStore.save(message("msg_old", T0), List.of());
		this.clock.set(T0.plus(RETENTION).plusSeconds(1));
		StorePurger purger = new StorePurger(this.inboundStore, this.deliveryStore, RETENTION, this.clock,
				new ThreadPoolTaskSchedulerBuilder().customizers((scheduler) -> scheduler.setClock(firstRunAtOnce())));
		assertThat(purger.isRunning()).isFalse();
		purger.start();
		assertThat(purger.isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.inboundStore.find(old.id())).isEmpty();
			assertThat(this.deliveryStore.findMessage("msg_old")).isEmpty();
		});
		purger.stop();
		assertThat(purger.isRunning()).isFalse();
	}

	/**
	 * A clock for the purger's scheduler that is a first run's delay ahead once the run has
	 * been scheduled, so that it comes at once rather than after a minute.
	 */
	private static Clock firstRunAtOnce() {
		AtomicInteger reads = new AtomicInteger();
		return new Clock() {

			@Override
			public Instant instant() {
				Instant now = Instant.now();
				return (reads.getAndIncrement() == 0) ? now : now.plus(Duration.ofMinutes(1));
			}

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				throw new UnsupportedOperationException();
			}

		};
	}

	private Duration interval(Duration retention) {
		return new StorePurger(this.inboundStore, this.deliveryStore, retention, this.clock).getInterval();
	}

	private InboundCall processedCall(Instant receivedAt) {
		InboundCall call = new InboundCall(UUID.randomUUID().toString(), "github", "push", UUID.randomUUID().toString(),
				new HttpHeaders(), new byte[0], null, receivedAt);
		this.inboundStore.saveClaimed(call, receivedAt.plusSeconds(60));
		this.inboundStore.markProcessed(call.id(), 1, receivedAt);
		return call;
	}

	private static WebhookMessage message(String id, Instant timestamp) {
		return new WebhookMessage(id, "order.created", timestamp, "{}".getBytes(StandardCharsets.UTF_8));
	}

}
