-- Budgets: one allocation per grant, debited atomically under a row lock; every debit is a ledger row.
-- Amounts are exact decimals with four places. alerted_pct is the highest alert already announced
-- for the allocation (0, 50, 80, or 100 for exhausted), so each crossing is announced once.
CREATE TABLE budget_allocations (
  id               VARCHAR(40)   NOT NULL PRIMARY KEY,
  grant_id         VARCHAR(40)   NOT NULL,
  developer_id     VARCHAR(40)   NOT NULL,
  initial_budget   NUMERIC(18,4) NOT NULL,
  remaining_budget NUMERIC(18,4) NOT NULL,
  currency         VARCHAR(3)    NOT NULL,
  alerted_pct      INTEGER       NOT NULL,
  closed_at        BIGINT,
  closed_reason    VARCHAR(16),
  created_at       BIGINT        NOT NULL,
  updated_at       BIGINT        NOT NULL,
  CONSTRAINT budget_allocations_grant_uq UNIQUE (grant_id)
);
CREATE INDEX budget_allocations_developer_ix ON budget_allocations (developer_id, created_at);
CREATE INDEX budget_allocations_open_ix ON budget_allocations (closed_at);

-- A debit with an Idempotency-Key keeps the key and a hash of its request, so that a retry gets the
-- first answer back; keys are unique per developer (NULLs, debits without a key, do not collide).
CREATE TABLE budget_transactions (
  id              VARCHAR(40)   NOT NULL PRIMARY KEY,
  allocation_id   VARCHAR(40)   NOT NULL REFERENCES budget_allocations (id),
  grant_id        VARCHAR(40)   NOT NULL,
  developer_id    VARCHAR(40)   NOT NULL,
  amount          NUMERIC(18,4) NOT NULL,
  remaining_after NUMERIC(18,4) NOT NULL,
  description     VARCHAR(1000),
  metadata        VARCHAR(8192),
  idempotency_key VARCHAR(255),
  request_hash    VARCHAR(64),
  created_at      BIGINT        NOT NULL,
  CONSTRAINT budget_transactions_idempotency_uq UNIQUE (developer_id, idempotency_key)
);
CREATE INDEX budget_transactions_grant_ix ON budget_transactions (grant_id, created_at);

-- Usage counts per developer and UTC day, added to by the rollup timer from the shared counters.
CREATE TABLE usage_daily (
  id              VARCHAR(40) NOT NULL PRIMARY KEY,
  developer_id    VARCHAR(40) NOT NULL,
  usage_date      DATE        NOT NULL,
  token_exchanges BIGINT      NOT NULL,
  authorizations  BIGINT      NOT NULL,
  verifications   BIGINT      NOT NULL,
  CONSTRAINT usage_daily_developer_date_uq UNIQUE (developer_id, usage_date)
);
