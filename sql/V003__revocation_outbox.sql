-- Revocations that could not be written to Redis when they were committed. While a row is here,
-- verification does not trust Redis and reads the database; rows are written to Redis and removed
-- as soon as Redis answers again.
CREATE TABLE revocation_outbox (
  entry_key  VARCHAR(64) NOT NULL PRIMARY KEY,
  expires_at BIGINT      NOT NULL,
  created_at BIGINT      NOT NULL
);
