package io.github.webhookstarter.store.memory;

import io.github.webhookstarter.subscription.SubscriptionStore;
import io.github.webhookstarter.subscription.SubscriptionStoreContractTests;

/**
 * Tests for {@link InMemorySubscriptionStore}.
 *
 * @author Webhook Starter team
 */
class InMemorySubscriptionStoreTests extends SubscriptionStoreContractTests {

	@Override
	protected SubscriptionStore createStore() {
		return new InMemorySubscriptionStore();
	}

}
