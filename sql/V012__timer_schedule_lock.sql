-- One row that nodes lock (by updating it) while they check their persistent timers at start, so
-- two nodes starting together on one database create each timer once.
CREATE TABLE timer_schedule_lock (
  id         INT    NOT NULL PRIMARY KEY,
  checked_at BIGINT NOT NULL
);
INSERT INTO timer_schedule_lock (id, checked_at) VALUES (1, 0);
