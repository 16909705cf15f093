-- Leased rows are read back by id (the lease statement returns them), so the lease token needs no
-- index; each index is one more write for every delivery row inserted and every attempt recorded.
DROP INDEX webhook_deliveries_lease_ix;
