-- Portable between PostgreSQL (production) and embedded Derby (trying it out):
-- plain VARCHAR/BIGINT/BOOLEAN, times as epoch milliseconds (UTC), lists as JSON text.

CREATE TABLE developers (
  id             VARCHAR(40)  NOT NULL PRIMARY KEY,
  api_key_hash   VARCHAR(64)  NOT NULL,
  name           VARCHAR(200) NOT NULL,
  email          VARCHAR(254),
  mode           VARCHAR(16)  NOT NULL,
  plan           VARCHAR(16)  NOT NULL,
  fido_required  BOOLEAN      NOT NULL DEFAULT FALSE,
  fido_rp_name   VARCHAR(100),
  created_at     BIGINT       NOT NULL,
  key_rotated_at BIGINT,
  CONSTRAINT developers_api_key_hash_uq UNIQUE (api_key_hash),
  CONSTRAINT developers_email_uq UNIQUE (email)
);

CREATE TABLE agents (
  id           VARCHAR(40)    NOT NULL PRIMARY KEY,
  did          VARCHAR(64)    NOT NULL,
  developer_id VARCHAR(40)    NOT NULL REFERENCES developers (id),
  name         VARCHAR(200)   NOT NULL,
  description  VARCHAR(4000)  NOT NULL,
  scopes       VARCHAR(32000) NOT NULL,
  status       VARCHAR(16)    NOT NULL,
  created_at   BIGINT         NOT NULL,
  updated_at   BIGINT         NOT NULL,
  CONSTRAINT agents_did_uq UNIQUE (did)
);
CREATE INDEX agents_developer_created_ix ON agents (developer_id, created_at);

-- One row per signing key. active_slot holds the algorithm while the key is the active one for it
-- and is NULL once retired, so the unique constraint allows one active key per algorithm even when
-- several nodes start at once.
CREATE TABLE signing_keys (
  kid           VARCHAR(64)   NOT NULL PRIMARY KEY,
  algorithm     VARCHAR(16)   NOT NULL,
  public_jwk    VARCHAR(4000) NOT NULL,
  private_key   VARCHAR(8000) NOT NULL,
  active_slot   VARCHAR(16),
  created_at    BIGINT        NOT NULL,
  retired_at    BIGINT,
  publish_until BIGINT,
  CONSTRAINT signing_keys_active_slot_uq UNIQUE (active_slot)
);
