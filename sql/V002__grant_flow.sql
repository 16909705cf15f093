-- The grant flow: authorization requests (with their single-use codes), grants (a delegation tree
-- through parent_grant_id), the tokens issued for each grant, and rotating refresh tokens.

CREATE TABLE auth_requests (
  id             VARCHAR(40)    NOT NULL PRIMARY KEY,
  developer_id   VARCHAR(40)    NOT NULL REFERENCES developers (id),
  agent_id       VARCHAR(40)    NOT NULL REFERENCES agents (id),
  principal_id   VARCHAR(256)   NOT NULL,
  scopes         VARCHAR(32000) NOT NULL,
  redirect_uri   VARCHAR(2048),
  state          VARCHAR(1024),
  audience       VARCHAR(1024),
  expires_in     VARCHAR(32)    NOT NULL,
  expires_at     BIGINT         NOT NULL,
  status         VARCHAR(16)    NOT NULL,
  code_hash      VARCHAR(64),
  code_challenge VARCHAR(64),
  fido_verified  BOOLEAN        NOT NULL DEFAULT FALSE,
  created_at     BIGINT         NOT NULL,
  CONSTRAINT auth_requests_code_hash_uq UNIQUE (code_hash)
);
CREATE INDEX auth_requests_agent_ix ON auth_requests (agent_id);

CREATE TABLE grants (
  id               VARCHAR(40)    NOT NULL PRIMARY KEY,
  developer_id     VARCHAR(40)    NOT NULL REFERENCES developers (id),
  agent_id         VARCHAR(40)    NOT NULL REFERENCES agents (id),
  principal_id     VARCHAR(256)   NOT NULL,
  scopes           VARCHAR(32000) NOT NULL,
  status           VARCHAR(16)    NOT NULL,
  issued_at        BIGINT         NOT NULL,
  expires_at       BIGINT         NOT NULL,
  revoked_at       BIGINT,
  parent_grant_id  VARCHAR(40)    REFERENCES grants (id),
  delegation_depth INTEGER        NOT NULL,
  audience         VARCHAR(1024)
);
CREATE INDEX grants_developer_issued_ix ON grants (developer_id, issued_at);
CREATE INDEX grants_parent_ix ON grants (parent_grant_id);
CREATE INDEX grants_agent_ix ON grants (agent_id);
CREATE INDEX grants_principal_ix ON grants (developer_id, principal_id);

CREATE TABLE grant_tokens (
  jti          VARCHAR(40) NOT NULL PRIMARY KEY,
  grant_id     VARCHAR(40) NOT NULL REFERENCES grants (id),
  developer_id VARCHAR(40) NOT NULL,
  revoked      BOOLEAN     NOT NULL DEFAULT FALSE,
  expires_at   BIGINT      NOT NULL,
  created_at   BIGINT      NOT NULL
);
CREATE INDEX grant_tokens_grant_ix ON grant_tokens (grant_id);

-- Refresh tokens are stored only as the SHA-256 of the token.
CREATE TABLE refresh_tokens (
  token_hash   VARCHAR(64) NOT NULL PRIMARY KEY,
  grant_id     VARCHAR(40) NOT NULL REFERENCES grants (id),
  developer_id VARCHAR(40) NOT NULL,
  used         BOOLEAN     NOT NULL DEFAULT FALSE,
  expires_at   BIGINT      NOT NULL,
  created_at   BIGINT      NOT NULL
);
CREATE INDEX refresh_tokens_grant_ix ON refresh_tokens (grant_id);
