-- Fills the benchmark database for the scale run: one million grants (with their token rows) for the
-- sandbox developer, and a chain of one million audit entries for the scale-audit developer, hashed
-- exactly as the server hashes them, so GET /v1/audit/verify still finds the chain intact.
-- psql variables: sandbox_dev, agent, audit_dev.
\set ON_ERROR_STOP on

INSERT INTO grants (id, developer_id, agent_id, principal_id, scopes, status, issued_at, expires_at, revoked_at,
                    parent_grant_id, delegation_depth, audience)
SELECT 'grnt_scale' || lpad(g::text, 16, '0'), :'sandbox_dev', :'agent', 'scale-user-' || (g % 50000),
       '["read","write"]',
       CASE WHEN g % 10 = 0 THEN 'revoked' ELSE 'active' END,
       1767225600000 + g, 1767225600000 + g + CAST(86400000 AS BIGINT) * 400,
       CASE WHEN g % 10 = 0 THEN 1767225600000 + g + 1000 END,
       NULL, 0, NULL
FROM generate_series(1, 1000000) AS g;

INSERT INTO grant_tokens (jti, grant_id, developer_id, revoked, expires_at, created_at)
SELECT 'tok_scale' || lpad(g::text, 16, '0'), 'grnt_scale' || lpad(g::text, 16, '0'), :'sandbox_dev', g % 10 = 0,
       1767225600000 + g + CAST(86400000 AS BIGINT) * 400, 1767225600000 + g
FROM generate_series(1, 1000000) AS g;

CREATE TEMPORARY TABLE scale_settings AS SELECT CAST(:'audit_dev' AS VARCHAR(40)) AS audit_dev;

DO $$
DECLARE
  dev      VARCHAR(40) := (SELECT audit_dev FROM scale_settings);
  prev     VARCHAR(64) := NULL;
  id       VARCHAR(40);
  ts_ms    BIGINT;
  ts       TEXT;
  meta     TEXT;
  input    TEXT;
  h        VARCHAR(64);
BEGIN
  FOR i IN 1..1000000 LOOP
    id := 'alog_SCALE' || lpad(i::text, 21, '0');
    ts_ms := 1767225600000 + i;
    ts := to_char(timestamp 'epoch' + ts_ms * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    meta := '{"n":' || i || '}';
    input := '{"id":"' || id || '","agentId":"ag_scale","agentDid":"did:grantex:ag_scale","grantId":"grnt_scale",'
          || '"principalId":"scale-user-' || (i % 1000) || '","developerId":"' || dev || '","action":"scale.seed",'
          || '"metadata":' || meta || ',"timestamp":"' || ts || '","prevHash":'
          || CASE WHEN prev IS NULL THEN 'null' ELSE '"' || prev || '"' END || ',"status":"success"}';
    h := encode(sha256(convert_to(input, 'UTF8')), 'hex');
    INSERT INTO audit_entries (id, developer_id, seq, agent_id, agent_did, grant_id, principal_id, action, metadata,
                               status, entry_time, prev_hash, hash)
    VALUES (id, dev, i, 'ag_scale', 'did:grantex:ag_scale', 'grnt_scale', 'scale-user-' || (i % 1000), 'scale.seed',
            meta, 'success', ts_ms, prev, h);
    prev := h;
  END LOOP;
  UPDATE audit_heads SET seq = 1000000, entry_id = id, entry_time = ts_ms, hash = prev WHERE developer_id = dev;
END $$;

ANALYZE grants;
ANALYZE grant_tokens;
ANALYZE audit_entries;

-- Write the bulk load's pages out now, so its checkpoint does not land in the scenario after it.
CHECKPOINT;
