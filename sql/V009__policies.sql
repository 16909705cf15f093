-- A developer's built-in policies, evaluated at authorize in priority order (highest first, then the
-- oldest). Null conditions match anything; scopes holds a JSON array, '[]' meaning any scope. The
-- time window is UTC "HH:MM", both ends set or neither; days are UTC weekdays as digits, 0 (Sunday)
-- to 6 (Saturday), null for every day.
CREATE TABLE policies (
  id                VARCHAR(40)   NOT NULL PRIMARY KEY,
  developer_id      VARCHAR(40)   NOT NULL REFERENCES developers (id),
  name              VARCHAR(256)   NOT NULL,
  effect            VARCHAR(8)    NOT NULL,
  priority          INTEGER       NOT NULL,
  agent_id          VARCHAR(256),
  principal_id      VARCHAR(256),
  scopes            VARCHAR(32000) NOT NULL,
  time_of_day_start VARCHAR(5),
  time_of_day_end   VARCHAR(5),
  days              VARCHAR(7),
  created_at        BIGINT        NOT NULL,
  updated_at        BIGINT        NOT NULL
);
CREATE INDEX policies_developer_ix ON policies (developer_id, priority, created_at);
