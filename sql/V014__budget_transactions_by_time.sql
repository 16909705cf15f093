-- Anomaly detection's budget-cliff rule reads a developer's debits of the last hour.
CREATE INDEX budget_transactions_developer_ix ON budget_transactions (developer_id, created_at);
