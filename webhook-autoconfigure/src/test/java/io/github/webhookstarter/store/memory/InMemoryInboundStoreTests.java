package io.github.webhookstarter.store.memory;

import io.github.webhookstarter.inbound.InboundStore;
import io.github.webhookstarter.inbound.InboundStoreContractTests;

/**
 * Tests for {@link InMemoryInboundStore}.
 *
 * @author Webhook Starter team
 */
class InMemoryInboundStoreTests extends InboundStoreContractTests {

	@Override
	protected InboundStore createStore() {
		return new InMemoryInboundStore();
	}

}
