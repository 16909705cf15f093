-- The audit trail: one hash chain per developer. audit_heads holds each chain's last link; an append
-- locks it, so appends from any number of clients and nodes never fork the chain, and no append reads
-- or counts the entries already there.

CREATE TABLE audit_entries (
  id           VARCHAR(40)    NOT NULL PRIMARY KEY,
  developer_id VARCHAR(40)    NOT NULL REFERENCES developers (id),
  seq          BIGINT         NOT NULL,
  agent_id     VARCHAR(256)   NOT NULL,
  agent_did    VARCHAR(512)   NOT NULL,
  grant_id     VARCHAR(256)   NOT NULL,
  principal_id VARCHAR(256)   NOT NULL,
  action       VARCHAR(256)   NOT NULL,
  metadata     VARCHAR(32000) NOT NULL,
  status       VARCHAR(16)    NOT NULL,
  entry_time   BIGINT         NOT NULL,
  prev_hash    VARCHAR(64),
  hash         VARCHAR(64)    NOT NULL,
  CONSTRAINT audit_entries_chain_uq UNIQUE (developer_id, seq)
);

CREATE TABLE audit_heads (
  developer_id VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES developers (id),
  seq          BIGINT      NOT NULL,
  entry_id     VARCHAR(40),
  entry_time   BIGINT      NOT NULL,
  hash         VARCHAR(64)
);

INSERT INTO audit_heads (developer_id, seq, entry_id, entry_time, hash)
  SELECT id, 0, CAST(NULL AS VARCHAR(40)), 0, CAST(NULL AS VARCHAR(64)) FROM developers;
