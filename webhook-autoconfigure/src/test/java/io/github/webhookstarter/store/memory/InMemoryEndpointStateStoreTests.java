package io.github.webhookstarter.store.memory;

import io.github.webhookstarter.outbound.EndpointStateStore;
import io.github.webhookstarter.outbound.EndpointStateStoreContractTests;

/**
 * Tests for {@link InMemoryEndpointStateStore}.
 *
 * @author Webhook Starter team
 */
class InMemoryEndpointStateStoreTests extends EndpointStateStoreContractTests {

	@Override
	protected EndpointStateStore createStore() {
		return new InMemoryEndpointStateStore();
	}

}
