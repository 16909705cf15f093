-- MPP agent passports: a signed credential saying which payment categories an agent may spend in,
-- up to what amount, under which grant. The credential is kept as issued; its status-list bit is
-- set when it is revoked (by itself or with its grant).
CREATE TABLE mpp_passports (
  id                 VARCHAR(64)   NOT NULL PRIMARY KEY,
  developer_id       VARCHAR(40)   NOT NULL REFERENCES developers (id),
  agent_id           VARCHAR(40)   NOT NULL,
  grant_id           VARCHAR(40)   NOT NULL,
  principal_id       VARCHAR(256)  NOT NULL,
  allowed_categories ${large_text} NOT NULL,
  max_amount         NUMERIC(18,4) NOT NULL,
  max_currency       VARCHAR(3)    NOT NULL,
  parent_passport_id VARCHAR(64),
  credential         ${large_text} NOT NULL,
  status             VARCHAR(16)   NOT NULL,
  status_list_id     VARCHAR(40)   NOT NULL,
  status_list_idx    INTEGER       NOT NULL,
  issued_at          BIGINT        NOT NULL,
  expires_at         BIGINT        NOT NULL,
  revoked_at         BIGINT
);
CREATE INDEX mpp_passports_developer_ix ON mpp_passports (developer_id, issued_at);
CREATE INDEX mpp_passports_grant_ix ON mpp_passports (grant_id);
