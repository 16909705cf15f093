-- Developers' own host names for consent links (enterprise plan), proven by a DNS TXT record.
CREATE TABLE custom_domains (
  id                 VARCHAR(40)  NOT NULL PRIMARY KEY,
  developer_id       VARCHAR(40)  NOT NULL REFERENCES developers (id),
  domain             VARCHAR(253) NOT NULL,
  verification_token VARCHAR(64)  NOT NULL,
  verified           BOOLEAN      NOT NULL,
  verified_at        BIGINT,
  created_at         BIGINT       NOT NULL
);
CREATE UNIQUE INDEX custom_domains_domain_ux ON custom_domains (domain);
CREATE INDEX custom_domains_developer_ix ON custom_domains (developer_id, created_at);
