-- Single sign-on for a developer's principals. sso_configs is the contract's single OIDC configuration
-- per developer; sso_connections are enterprise connections (OIDC, SAML or LDAP). Secrets are kept
-- sealed (AES-256-GCM); list-valued settings (domains, scopes, group mappings) are JSON text.
CREATE TABLE sso_configs (
  developer_id         VARCHAR(40)   NOT NULL PRIMARY KEY REFERENCES developers (id),
  issuer_url           VARCHAR(2048) NOT NULL,
  client_id            VARCHAR(512)  NOT NULL,
  sealed_client_secret VARCHAR(8192) NOT NULL,
  redirect_uri         VARCHAR(2048) NOT NULL,
  created_at           BIGINT        NOT NULL,
  updated_at           BIGINT        NOT NULL
);

CREATE TABLE sso_connections (
  id                        VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id              VARCHAR(40)   NOT NULL REFERENCES developers (id),
  name                      VARCHAR(256)  NOT NULL,
  protocol                  VARCHAR(8)    NOT NULL,
  status                    VARCHAR(16)   NOT NULL,
  issuer_url                VARCHAR(2048),
  client_id                 VARCHAR(512),
  sealed_client_secret      VARCHAR(8192),
  redirect_uri              VARCHAR(2048),
  idp_entity_id             VARCHAR(1024),
  idp_sso_url               VARCHAR(2048),
  idp_certificate           ${large_text},
  sp_entity_id              VARCHAR(1024),
  sp_acs_url                VARCHAR(2048),
  ldap_url                  VARCHAR(2048),
  ldap_bind_dn              VARCHAR(1024),
  sealed_ldap_bind_password VARCHAR(8192),
  ldap_search_base          VARCHAR(1024),
  ldap_search_filter        VARCHAR(1024),
  ldap_group_search_base    VARCHAR(1024),
  ldap_group_search_filter  VARCHAR(1024),
  ldap_tls_enabled          BOOLEAN       NOT NULL,
  domains                   ${large_text} NOT NULL,
  jit_provisioning          BOOLEAN       NOT NULL,
  enforce                   BOOLEAN       NOT NULL,
  group_attribute           VARCHAR(256),
  group_mappings            ${large_text} NOT NULL,
  default_scopes            ${large_text} NOT NULL,
  created_at                BIGINT        NOT NULL,
  updated_at                BIGINT        NOT NULL
);
CREATE INDEX sso_connections_developer_ix ON sso_connections (developer_id, created_at);

-- A login in progress: what the callback needs (OIDC nonce and PKCE verifier, SAML AuthnRequest id)
-- and that it may be completed once. The callback deletes the row; a second callback with the same state finds none.
CREATE TABLE sso_login_requests (
  id            VARCHAR(64)   NOT NULL PRIMARY KEY,
  developer_id  VARCHAR(40)   NOT NULL,
  connection_id VARCHAR(40),
  nonce         VARCHAR(128),
  code_verifier VARCHAR(128),
  saml_request_id VARCHAR(256),
  redirect_uri  VARCHAR(2048),
  expires_at    BIGINT        NOT NULL
);
CREATE INDEX sso_login_requests_expiry_ix ON sso_login_requests (expires_at);

CREATE TABLE sso_sessions (
  id            VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id  VARCHAR(40)   NOT NULL REFERENCES developers (id),
  connection_id VARCHAR(40),
  principal_id  VARCHAR(40),
  email         VARCHAR(320),
  name          VARCHAR(256),
  idp_subject   VARCHAR(512)  NOT NULL,
  groups_json   ${large_text} NOT NULL,
  mapped_scopes ${large_text} NOT NULL,
  token_hash    VARCHAR(64)   NOT NULL,
  expires_at    BIGINT        NOT NULL,
  created_at    BIGINT        NOT NULL
);
CREATE UNIQUE INDEX sso_sessions_token_ux ON sso_sessions (token_hash);
CREATE INDEX sso_sessions_developer_ix ON sso_sessions (developer_id, expires_at);
CREATE INDEX sso_sessions_expiry_ix ON sso_sessions (expires_at);
