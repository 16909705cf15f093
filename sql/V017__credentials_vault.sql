-- Verifiable credentials issued for grants (VC-JWT and SD-JWT) and the StatusList2021 lists that say
-- which are revoked. A list holds 131,072 bits, kept as the list credential publishes them (GZIP, then
-- base64url); next_index is the next bit to hand out.
CREATE TABLE vc_status_lists (
  id           VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id VARCHAR(40)   NOT NULL REFERENCES developers (id),
  purpose      VARCHAR(16)   NOT NULL,
  encoded_list ${large_text} NOT NULL,
  size         INTEGER       NOT NULL,
  next_index   INTEGER       NOT NULL,
  created_at   BIGINT        NOT NULL,
  updated_at   BIGINT        NOT NULL
);
CREATE INDEX vc_status_lists_developer_ix ON vc_status_lists (developer_id, created_at);

CREATE TABLE verifiable_credentials (
  id              VARCHAR(40)   NOT NULL PRIMARY KEY,
  grant_id        VARCHAR(40)   NOT NULL,
  developer_id    VARCHAR(40)   NOT NULL REFERENCES developers (id),
  principal_id    VARCHAR(256)  NOT NULL,
  agent_did       VARCHAR(512)  NOT NULL,
  credential_type VARCHAR(64)   NOT NULL,
  format          VARCHAR(16)   NOT NULL,
  credential      ${large_text} NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  status_list_id  VARCHAR(40)   NOT NULL,
  status_list_idx INTEGER       NOT NULL,
  issued_at       BIGINT        NOT NULL,
  expires_at      BIGINT        NOT NULL,
  revoked_at      BIGINT
);
CREATE INDEX verifiable_credentials_grant_ix ON verifiable_credentials (grant_id);
CREATE INDEX verifiable_credentials_developer_ix ON verifiable_credentials (developer_id, issued_at);

-- The credential vault: a principal's tokens for an outside service, sealed with the server's
-- AES-256-GCM key. One entry per developer, principal and service; storing again replaces it.
CREATE TABLE vault_credentials (
  id                    VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id          VARCHAR(40)   NOT NULL REFERENCES developers (id),
  principal_id          VARCHAR(256)  NOT NULL,
  service               VARCHAR(64)   NOT NULL,
  credential_type       VARCHAR(64)   NOT NULL,
  sealed_access_token   ${large_text} NOT NULL,
  sealed_refresh_token  ${large_text},
  token_expires_at      BIGINT,
  metadata              ${large_text} NOT NULL,
  created_at            BIGINT        NOT NULL,
  updated_at            BIGINT        NOT NULL
);
CREATE UNIQUE INDEX vault_credentials_service_ux ON vault_credentials (developer_id, principal_id, service);
