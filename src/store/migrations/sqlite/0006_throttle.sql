-- Throttling counters (auth/throttle.h), kept in the store so that every server behind a
-- load balancer counts the same failed sign-ins and sign-ups. Keys: "pair:", "addr:",
-- "acct:", "signup:" (forgotten after a day) and "known:" (an owner's address).
CREATE TABLE throttle_events (
  key TEXT    NOT NULL,
  at  INTEGER NOT NULL
) STRICT;

CREATE INDEX throttle_events_key ON throttle_events (key, at);
CREATE INDEX throttle_events_at ON throttle_events (at);
