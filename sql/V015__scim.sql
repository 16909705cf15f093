-- SCIM 2.0 provisioning. A SCIM token (stored as its SHA-256) acts for its developer. Users and groups
-- keep the provider's whole resource (without id, meta and password) and, in columns, what filters
-- and uniqueness need; the *_key columns hold the lower-cased values of case-insensitive attributes.
CREATE TABLE scim_tokens (
  id           VARCHAR(40)  NOT NULL PRIMARY KEY,
  developer_id VARCHAR(40)  NOT NULL REFERENCES developers (id),
  label        VARCHAR(256) NOT NULL,
  token_hash   VARCHAR(64)  NOT NULL,
  created_at   BIGINT       NOT NULL,
  last_used_at BIGINT
);
CREATE UNIQUE INDEX scim_tokens_hash_ux ON scim_tokens (token_hash);
CREATE INDEX scim_tokens_developer_ix ON scim_tokens (developer_id, created_at);

CREATE TABLE scim_users (
  id               VARCHAR(40)  NOT NULL PRIMARY KEY,
  developer_id     VARCHAR(40)  NOT NULL REFERENCES developers (id),
  user_name        VARCHAR(256) NOT NULL,
  user_name_key    VARCHAR(256) NOT NULL,
  external_id      VARCHAR(256),
  display_name_key VARCHAR(256),
  active           BOOLEAN      NOT NULL,
  resource         ${large_text} NOT NULL,
  version          BIGINT       NOT NULL,
  created_at       BIGINT       NOT NULL,
  last_modified    BIGINT       NOT NULL
);
CREATE UNIQUE INDEX scim_users_user_name_ux ON scim_users (developer_id, user_name_key);
CREATE INDEX scim_users_external_ix ON scim_users (developer_id, external_id);
CREATE INDEX scim_users_created_ix ON scim_users (developer_id, created_at);

CREATE TABLE scim_user_emails (
  id           VARCHAR(40)  NOT NULL PRIMARY KEY,
  user_id      VARCHAR(40)  NOT NULL REFERENCES scim_users (id) ON DELETE CASCADE,
  developer_id VARCHAR(40)  NOT NULL,
  value_key    VARCHAR(320) NOT NULL,
  type         VARCHAR(64),
  is_primary   BOOLEAN      NOT NULL
);
CREATE INDEX scim_user_emails_user_ix ON scim_user_emails (user_id);
CREATE INDEX scim_user_emails_value_ix ON scim_user_emails (developer_id, value_key);

CREATE TABLE scim_groups (
  id               VARCHAR(40)  NOT NULL PRIMARY KEY,
  developer_id     VARCHAR(40)  NOT NULL REFERENCES developers (id),
  display_name_key VARCHAR(256) NOT NULL,
  external_id      VARCHAR(256),
  resource         ${large_text} NOT NULL,
  version          BIGINT       NOT NULL,
  created_at       BIGINT       NOT NULL,
  last_modified    BIGINT       NOT NULL
);
CREATE INDEX scim_groups_name_ix ON scim_groups (developer_id, display_name_key);
CREATE INDEX scim_groups_created_ix ON scim_groups (developer_id, created_at);

CREATE TABLE scim_group_members (
  group_id     VARCHAR(40) NOT NULL REFERENCES scim_groups (id) ON DELETE CASCADE,
  user_id      VARCHAR(40) NOT NULL REFERENCES scim_users (id) ON DELETE CASCADE,
  developer_id VARCHAR(40) NOT NULL,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX scim_group_members_user_ix ON scim_group_members (user_id);
