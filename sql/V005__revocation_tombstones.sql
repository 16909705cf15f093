-- Revocations whose grant rows are gone (the agent was deleted with its grants). The revocation cache is
-- rebuilt from the database after Redis loses its contents; without these rows a deleted agent's
-- unexpired tokens would look valid to it. Rows are useless once expired and are removed then.
CREATE TABLE revocation_tombstones (
  entry_key  VARCHAR(64) NOT NULL PRIMARY KEY,
  expires_at BIGINT      NOT NULL
);
