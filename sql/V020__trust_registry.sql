-- The trust registry: organisations (did:web:<domain>) that developers register and prove by a DNS
-- TXT record, with the agents and public keys they choose to publish.
CREATE TABLE trust_registry (
  id                  VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id        VARCHAR(40)   NOT NULL REFERENCES developers (id),
  organization_did    VARCHAR(300)  NOT NULL,
  domain              VARCHAR(253)  NOT NULL,
  name                VARCHAR(256)  NOT NULL,
  description         VARCHAR(2048),
  website             VARCHAR(2048),
  verification_token  VARCHAR(64)   NOT NULL,
  verification_method VARCHAR(16)   NOT NULL,
  trust_level         VARCHAR(16)   NOT NULL,
  verified_at         BIGINT,
  listed_agents       ${large_text} NOT NULL,
  public_keys         ${large_text} NOT NULL,
  created_at          BIGINT        NOT NULL
);
CREATE UNIQUE INDEX trust_registry_did_ux ON trust_registry (organization_did);
CREATE INDEX trust_registry_developer_ix ON trust_registry (developer_id, created_at);
