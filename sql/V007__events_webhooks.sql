-- Events: every event is stored in the transaction of the change that caused it (the outbox), then
-- fanned out after commit to stream clients on every node and to the deliveries of subscribed webhooks.
CREATE TABLE events (
  id           VARCHAR(40)    NOT NULL PRIMARY KEY,
  developer_id VARCHAR(40)    NOT NULL,
  type         VARCHAR(64)    NOT NULL,
  payload      VARCHAR(32672) NOT NULL,
  created_at   BIGINT         NOT NULL
);
CREATE INDEX events_developer_ix ON events (developer_id, id);
CREATE INDEX events_created_ix ON events (created_at);

CREATE TABLE webhooks (
  id            VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id  VARCHAR(40)   NOT NULL REFERENCES developers (id),
  url           VARCHAR(2048) NOT NULL,
  events        VARCHAR(512)  NOT NULL,
  sealed_secret VARCHAR(256)  NOT NULL,
  created_at    BIGINT        NOT NULL
);
CREATE INDEX webhooks_developer_ix ON webhooks (developer_id, created_at);

-- One row per event and subscribed webhook. A node leases a due row by moving next_attempt_at past
-- the attempt's end under its own lease token; a node that dies leaves the row due again for another.
CREATE TABLE webhook_deliveries (
  id              VARCHAR(40)    NOT NULL PRIMARY KEY,
  webhook_id      VARCHAR(40)    NOT NULL,
  developer_id    VARCHAR(40)    NOT NULL,
  event_id        VARCHAR(40)    NOT NULL,
  event_type      VARCHAR(64)    NOT NULL,
  payload         VARCHAR(32672) NOT NULL,
  signature       VARCHAR(80)    NOT NULL,
  url             VARCHAR(2048)  NOT NULL,
  status          VARCHAR(16)    NOT NULL,
  attempts        INTEGER        NOT NULL,
  max_attempts    INTEGER        NOT NULL,
  next_attempt_at BIGINT         NOT NULL,
  lease_token     VARCHAR(40),
  last_error      VARCHAR(1024),
  created_at      BIGINT         NOT NULL,
  delivered_at    BIGINT
);
CREATE INDEX webhook_deliveries_due_ix ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook_ix ON webhook_deliveries (webhook_id, created_at);
CREATE INDEX webhook_deliveries_lease_ix ON webhook_deliveries (lease_token);
