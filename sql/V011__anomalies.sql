-- Anomalies found in a developer's activity, each also an alert with a lifecycle: open, acknowledged,
-- resolved. One open anomaly per finding (kind, agent, principal): detection that finds it again
-- updates it, so an alert keeps its id while it lasts. metadata is the finding's JSON.
CREATE TABLE anomalies (
  id              VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id    VARCHAR(40)   NOT NULL REFERENCES developers (id),
  type            VARCHAR(64)   NOT NULL,
  severity        VARCHAR(16)   NOT NULL,
  rule_id         VARCHAR(64)   NOT NULL,
  rule_name       VARCHAR(256)  NOT NULL,
  agent_id        VARCHAR(256),
  principal_id    VARCHAR(256),
  finding_key     VARCHAR(640)  NOT NULL,
  description     VARCHAR(1024) NOT NULL,
  metadata        VARCHAR(32000) NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  detected_at     BIGINT        NOT NULL,
  acknowledged_at BIGINT,
  resolved_at     BIGINT,
  resolution_note VARCHAR(1024)
);
CREATE INDEX anomalies_developer_ix ON anomalies (developer_id, status, detected_at);

-- A developer's own detection rules (a threshold of matching audit entries in a window), and whether
-- each built-in rule runs for the developer (a row only where it was switched).
CREATE TABLE anomaly_rules (
  id           VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id VARCHAR(40)   NOT NULL REFERENCES developers (id),
  rule_id      VARCHAR(64)   NOT NULL,
  name         VARCHAR(256)  NOT NULL,
  description  VARCHAR(1024),
  rule_condition VARCHAR(4000) NOT NULL,
  severity     VARCHAR(16)   NOT NULL,
  enabled      BOOLEAN       NOT NULL,
  created_at   BIGINT        NOT NULL
);
CREATE UNIQUE INDEX anomaly_rules_rule_ux ON anomaly_rules (developer_id, rule_id);

CREATE TABLE anomaly_rule_switches (
  id           VARCHAR(120) NOT NULL PRIMARY KEY,
  developer_id VARCHAR(40)  NOT NULL REFERENCES developers (id),
  rule_id      VARCHAR(64)  NOT NULL,
  enabled      BOOLEAN      NOT NULL
);

-- Detection reads a developer's recent audit entries by time: the last hour or day, never the whole chain.
CREATE INDEX audit_entries_time_ix ON audit_entries (developer_id, entry_time);
