-- The permissions page lists one principal's recent audit entries, newest first; listing filters by
-- agent or grant walk the chain in order. These indexes keep both fast on chains of millions.
CREATE INDEX audit_entries_principal_ix ON audit_entries (developer_id, principal_id, seq);
CREATE INDEX audit_entries_agent_ix ON audit_entries (developer_id, agent_id, seq);
CREATE INDEX audit_entries_grant_ix ON audit_entries (developer_id, grant_id, seq);
