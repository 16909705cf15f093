-- Policy-as-code bundles: a developer's Rego or Cedar policies, uploaded as versions, of which at
-- most one per format is active. The active Cedar bundle decides authorization requests when the
-- server's policy backend is cedar; Rego bundles are kept for the organisation's OPA. content holds
-- the bundle's bytes as base64, as they were uploaded (${large_text}: CLOB on Derby, TEXT on PostgreSQL).
CREATE TABLE policy_bundles (
  id           VARCHAR(40)  NOT NULL PRIMARY KEY,
  developer_id VARCHAR(40)  NOT NULL REFERENCES developers (id),
  format       VARCHAR(8)   NOT NULL,
  version      VARCHAR(128) NOT NULL,
  sha256       VARCHAR(64)  NOT NULL,
  file_count   INTEGER      NOT NULL,
  active       BOOLEAN      NOT NULL,
  content      ${large_text} NOT NULL,
  created_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX policy_bundles_version_ux ON policy_bundles (developer_id, format, version);
CREATE INDEX policy_bundles_active_ix ON policy_bundles (developer_id, format, active);
