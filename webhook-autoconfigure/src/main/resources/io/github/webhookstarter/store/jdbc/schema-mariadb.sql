-- Webhook Starter tables for MariaDB 10.6+. Instants are UTC date-times in DATETIME(6) columns
-- (no time zone conversion, unlike TIMESTAMP, and no 2038 limit), written and read as UTC by
-- the stores whatever the session's time zone.
-- Tables use a binary collation so that ids and names compare as in Java, case included.
-- For another table prefix than webhook_, copy this file and rename the tables and indexes.

CREATE TABLE IF NOT EXISTS webhook_message (
	id VARCHAR(100) NOT NULL,
	event_type VARCHAR(200) NOT NULL,
	published_at DATETIME(6) NOT NULL,
	body LONGBLOB NOT NULL,
	CONSTRAINT webhook_message_pk PRIMARY KEY (id)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- purge: the messages published before the retention
CREATE INDEX IF NOT EXISTS webhook_message_published_idx ON webhook_message (published_at);

CREATE TABLE IF NOT EXISTS webhook_delivery (
	id VARCHAR(100) NOT NULL,
	seq BIGINT NOT NULL AUTO_INCREMENT,
	message_id VARCHAR(100) NOT NULL,
	endpoint VARCHAR(200) NOT NULL,
	status VARCHAR(16) NOT NULL,
	attempts INTEGER NOT NULL,
	due_at DATETIME(6),
	created_at DATETIME(6) NOT NULL,
	-- the due time a claim took the delivery at, which a release without an attempt restores
	due_before_claim DATETIME(6),
	locked_by VARCHAR(100),
	last_error VARCHAR(2000),
	CONSTRAINT webhook_delivery_pk PRIMARY KEY (id),
	-- InnoDB wants an AUTO_INCREMENT column to lead an index
	CONSTRAINT webhook_delivery_seq_uk UNIQUE (seq),
	CONSTRAINT webhook_delivery_message_fk FOREIGN KEY (message_id) REFERENCES webhook_message (id) ON DELETE CASCADE
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- claimDue: the due backlog in claim order (finished rows have no due time, outside any due range)
CREATE INDEX IF NOT EXISTS webhook_delivery_due_idx ON webhook_delivery (due_at, seq);
-- claimDue for ordered endpoints: is there an earlier unfinished delivery to the same endpoint?
-- and cancel: the pending deliveries to an endpoint
CREATE INDEX IF NOT EXISTS webhook_delivery_endpoint_idx ON webhook_delivery (endpoint, status, seq);
-- findDeliveries, and deleting a message's deliveries by cascade
CREATE INDEX IF NOT EXISTS webhook_delivery_message_idx ON webhook_delivery (message_id);
-- countUnfinished, purging finished deliveries older than the retention, recover (FAILED since a time),
-- the listing by status newest first, and the oldest unfinished delivery (least creation time of each status)
CREATE INDEX IF NOT EXISTS webhook_delivery_status_idx ON webhook_delivery (status, created_at);
-- the operator's listing of deliveries newest first, unfiltered (by status: the status index)
CREATE INDEX IF NOT EXISTS webhook_delivery_created_idx ON webhook_delivery (created_at);
-- the listing of an endpoint's deliveries newest first, and its latest attempts (findRecentAttempts),
-- whatever the deliveries' status, which the endpoint index above orders by status first
CREATE INDEX IF NOT EXISTS webhook_delivery_endpoint_created_idx ON webhook_delivery (endpoint, created_at);

CREATE TABLE IF NOT EXISTS webhook_delivery_attempt (
	id BIGINT NOT NULL AUTO_INCREMENT,
	delivery_id VARCHAR(100) NOT NULL,
	number INTEGER NOT NULL,
	started_at DATETIME(6) NOT NULL,
	duration_ms BIGINT NOT NULL,
	status_code INTEGER,
	response_excerpt VARCHAR(4096),
	error VARCHAR(2000),
	CONSTRAINT webhook_delivery_attempt_pk PRIMARY KEY (id),
	CONSTRAINT webhook_delivery_attempt_delivery_fk FOREIGN KEY (delivery_id) REFERENCES webhook_delivery (id) ON DELETE CASCADE
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- findAttempts in the order they were made, and deleting a delivery's attempts by cascade
CREATE INDEX IF NOT EXISTS webhook_delivery_attempt_delivery_idx ON webhook_delivery_attempt (delivery_id, id);

CREATE TABLE IF NOT EXISTS webhook_inbound_call (
	id VARCHAR(100) NOT NULL,
	seq BIGINT NOT NULL AUTO_INCREMENT,
	source VARCHAR(200) NOT NULL,
	webhook_id VARCHAR(255),
	event_type VARCHAR(200) NOT NULL,
	headers MEDIUMTEXT NOT NULL,
	body LONGBLOB NOT NULL,
	remote_address VARCHAR(100),
	received_at DATETIME(6) NOT NULL,
	processed_at DATETIME(6),
	status VARCHAR(16) NOT NULL,
	attempts INTEGER NOT NULL,
	due_at DATETIME(6),
	locked_by VARCHAR(100),
	last_error VARCHAR(2000),
	-- JSON array of the ids of the listeners that have succeeded, run no more on a retry
	completed_listeners TEXT,
	CONSTRAINT webhook_inbound_call_pk PRIMARY KEY (id),
	-- InnoDB wants an AUTO_INCREMENT column to lead an index
	CONSTRAINT webhook_inbound_call_seq_uk UNIQUE (seq),
	-- duplicates are refused by the insert itself; calls without a webhook id (NULL) never collide
	CONSTRAINT webhook_inbound_call_webhook_id_uk UNIQUE (source, webhook_id)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- claimDue: the due backlog in claim order (finished rows have no due time, outside any due range)
CREATE INDEX IF NOT EXISTS webhook_inbound_call_due_idx ON webhook_inbound_call (due_at, seq);
-- purging processed calls older than the retention, the listing by status newest first, countUnfinished
CREATE INDEX IF NOT EXISTS webhook_inbound_call_status_idx ON webhook_inbound_call (status, received_at);
-- the operator's listing of calls newest first, unfiltered or by source (few, so each has many
-- recent calls); by status: the status index
CREATE INDEX IF NOT EXISTS webhook_inbound_call_received_idx ON webhook_inbound_call (received_at);

CREATE TABLE IF NOT EXISTS webhook_subscription (
	id VARCHAR(100) NOT NULL,
	owner VARCHAR(200) NOT NULL,
	url VARCHAR(2000) NOT NULL,
	-- JSON array of the event types and patterns subscribed to
	events TEXT NOT NULL,
	description VARCHAR(2000),
	-- the secrets as the SecretCodec encoded them, NULL once the subscription is deleted
	secret VARCHAR(2000),
	previous_secret VARCHAR(2000),
	previous_secret_expires_at DATETIME(6),
	-- JSON object of header names to their values
	headers TEXT NOT NULL,
	signature VARCHAR(100) NOT NULL,
	rate_limit DOUBLE NOT NULL,
	ordered BOOLEAN NOT NULL,
	created_at DATETIME(6) NOT NULL,
	updated_at DATETIME(6) NOT NULL,
	-- the version of the store the subscription was last changed in, from webhook_subscription_version
	version BIGINT NOT NULL,
	-- a deleted subscription stays as a row without secrets, so that readers of the changes learn of it
	deleted BOOLEAN NOT NULL,
	CONSTRAINT webhook_subscription_pk PRIMARY KEY (id)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- findByOwner and countByOwner: an owner's subscriptions in page order (creation time, then id)
CREATE INDEX IF NOT EXISTS webhook_subscription_owner_idx ON webhook_subscription (owner, created_at, id);
-- findChanges: the subscriptions changed since the version a reader read up to
CREATE INDEX IF NOT EXISTS webhook_subscription_version_idx ON webhook_subscription (version);

-- the version of the subscriptions, in its one row: every change to a subscription increments it
-- in the change's transaction, and holds the row's lock until it commits, so that changes are
-- given their versions in the order they commit
CREATE TABLE IF NOT EXISTS webhook_subscription_version (
	id INTEGER NOT NULL,
	version BIGINT NOT NULL,
	CONSTRAINT webhook_subscription_version_pk PRIMARY KEY (id),
	CONSTRAINT webhook_subscription_version_single_ck CHECK (id = 1)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- the row, once: the version carries on from where it is
INSERT INTO webhook_subscription_version (id, version) VALUES (1, 0) ON DUPLICATE KEY UPDATE id = id;

-- the runtime state of each endpoint, shared by every instance: one row per endpoint that was
-- ever disabled, failing or rate-limited. The primary key is the only index: findDisabled reads
-- the whole (small) table, every other statement finds its row by key, and the frequent updates
-- of failing_since and next_send_at change no indexed column
CREATE TABLE IF NOT EXISTS webhook_endpoint_state (
	endpoint VARCHAR(200) NOT NULL,
	disabled BOOLEAN NOT NULL,
	disabled_reason VARCHAR(2000),
	disabled_at DATETIME(6),
	-- since when every attempt has failed: set by the first failure, cleared by a success
	failing_since DATETIME(6),
	-- when the endpoint may next be sent to under its rate limit
	next_send_at DATETIME(6),
	CONSTRAINT webhook_endpoint_state_pk PRIMARY KEY (endpoint)
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
