-- The vault list is written newest first a page at a time (it used to stop at 100 entries): each page
-- starts from this index where the last one ended, instead of sorting all the developer's entries.
CREATE INDEX vault_credentials_developer_ix ON vault_credentials (developer_id, created_at);
