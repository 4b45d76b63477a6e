package io.github.webhookstarter.store.jdbc;

import java.util.UUID;

/**
 * Helpers for creating the JDBC stores.
 *
 * @author Webhook Starter team
 */
public final class JdbcStores {

	private JdbcStores() {
	}

	/**
	 * Return a new id for this instance of the application, unique among the instances that
	 * share a database, recorded with the rows its stores claim.
	 * @return the owner id
	 */
	public static String owner() {
		return ProcessHandle.current().pid() + "-" + UUID.randomUUID();
	}

}
