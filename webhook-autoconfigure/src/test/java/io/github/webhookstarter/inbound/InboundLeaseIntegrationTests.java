package io.github.webhookstarter.inbound;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import io.github.webhookstarter.WebhookEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that runs longer than the lease of its call keeps the call: the lease is renewed
 * while it runs, so the call is not claimed and dispatched again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, classes = InboundLeaseIntegrationTests.TestApplication.class,
		properties = { "webhook.inbound.sources.open.allow-unauthenticated=true", "webhook.inbound.lease=600ms",
				"webhook.inbound.poll-interval=100ms" })
class InboundLeaseIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SlowListener listener;

	@Autowired
	InboundStore store;

	@Test
	void leaseIsRenewedWhileAListenerRuns() throws Exception {
		assertThat(new WebhookCalls(this.port).post("/webhooks/open").json("{\"type\":\"slow.job\"}").send().statusCode())
			.isEqualTo(202);
		await().until(() -> this.listener.finished.get() == 1);
		await().until(() -> this.store.find(this.listener.callId).orElseThrow().status() == InboundCallStatus.PROCESSED);
		assertThat(this.listener.started).hasValue(1);
		assertThat(this.store.find(this.listener.callId).orElseThrow().attempts()).isEqualTo(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		SlowListener slowListener() {
			return new SlowListener();
		}

	}

	static class SlowListener {

		final AtomicInteger started = new AtomicInteger();

		final AtomicInteger finished = new AtomicInteger();

		volatile String callId;

		@WebhookEvent("slow.job")
		void onSlowJob(WebhookRequest request) throws InterruptedException {
			this.callId = request.getCallId();
			this.started.incrementAndGet();
			// five leases
			Thread.sleep(3000);
			this.finished.incrementAndGet();
		}

	}

}
