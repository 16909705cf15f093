-- Fills the SCIM store of the scim scenarios' developer with 100,000 users, written as the server
-- writes a created user (ScimUserService.create): the stored resource without id and meta, with
-- active; userName, externalId and displayName in their columns, the case-insensitive ones lower-cased
-- into their *_key columns; version 1 (ETag W/"1"); times in epoch milliseconds; one work email each
-- in scim_user_emails. Their userNames are fill-000001@bench.example … fill-100000@bench.example
-- (bench/wrk/scim-lookup.lua looks them up).
-- psql variable: scim_dev.
\set ON_ERROR_STOP on

INSERT INTO scim_users (id, developer_id, user_name, user_name_key, external_id, display_name_key, active, resource,
                        version, created_at, last_modified)
SELECT 'scimuser_FILL' || lpad(g::text, 22, '0'), :'scim_dev', u.name, lower(u.name), '00ufill' || lpad(g::text, 6, '0'),
       lower('Fill User ' || g), TRUE,
       '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"' || u.name || '",'
         || '"externalId":"00ufill' || lpad(g::text, 6, '0') || '","name":{"givenName":"Fill","familyName":"User ' || g || '"},'
         || '"displayName":"Fill User ' || g || '","emails":[{"primary":true,"value":"' || u.name || '","type":"work"}],'
         || '"active":true}',
       1, 1767225600000 + g, 1767225600000 + g
FROM generate_series(1, 100000) AS g,
     LATERAL (SELECT 'fill-' || lpad(g::text, 6, '0') || '@bench.example' AS name) AS u;

INSERT INTO scim_user_emails (id, user_id, developer_id, value_key, type, is_primary)
SELECT 'scimeml_FILL' || lpad(g::text, 22, '0'), 'scimuser_FILL' || lpad(g::text, 22, '0'), :'scim_dev',
       'fill-' || lpad(g::text, 6, '0') || '@bench.example', 'work', TRUE
FROM generate_series(1, 100000) AS g;

ANALYZE scim_users;
ANALYZE scim_user_emails;

-- Write the bulk load's pages out now, so its checkpoint does not land in the scenario after it.
CHECKPOINT;
