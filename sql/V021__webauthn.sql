-- Passkeys (WebAuthn credentials) of principals, and the single-use challenges of their ceremonies.
-- Binary values are base64url text, the same on PostgreSQL and Derby.
CREATE TABLE webauthn_credentials (
  id              VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id    VARCHAR(40)   NOT NULL REFERENCES developers (id),
  principal_id    VARCHAR(256)  NOT NULL,
  credential_id   VARCHAR(1400) NOT NULL,
  credential_hash VARCHAR(64)   NOT NULL,
  public_key      VARCHAR(4000) NOT NULL,
  counter         BIGINT        NOT NULL,
  transports      VARCHAR(200)  NOT NULL,
  aaguid          VARCHAR(36)   NOT NULL,
  attestation_fmt VARCHAR(32)   NOT NULL,
  device_name     VARCHAR(100),
  backup_eligible BOOLEAN       NOT NULL,
  backed_up       BOOLEAN       NOT NULL,
  created_at      BIGINT        NOT NULL,
  last_used_at    BIGINT
);
-- A credential id (whose SHA-256 this is) belongs to one principal only, as WebAuthn requires.
CREATE UNIQUE INDEX webauthn_credentials_hash_ux ON webauthn_credentials (credential_hash);
CREATE INDEX webauthn_credentials_principal_ix ON webauthn_credentials (developer_id, principal_id, created_at);

CREATE TABLE webauthn_challenges (
  id              VARCHAR(40)  NOT NULL PRIMARY KEY,
  developer_id    VARCHAR(40)  NOT NULL REFERENCES developers (id),
  principal_id    VARCHAR(256) NOT NULL,
  challenge       VARCHAR(64)  NOT NULL,
  ceremony_type   VARCHAR(16)  NOT NULL,
  auth_request_id VARCHAR(40),
  expires_at      BIGINT       NOT NULL,
  consumed        BOOLEAN      NOT NULL,
  created_at      BIGINT       NOT NULL
);
CREATE INDEX webauthn_challenges_expiry_ix ON webauthn_challenges (expires_at);
