-- Check-ups: one response per person and check-up, its answers and its reflections.
-- The PostgreSQL twin of migrations/sqlite/0001_init.sql: same tables, columns,
-- constraints and names; ids are identities, times BIGINT unix seconds.

CREATE TABLE responses (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash   TEXT    NOT NULL UNIQUE,      -- hash of the resume token, never the token
  name         TEXT    NOT NULL DEFAULT '',  -- the CoP's name as typed
  phases       TEXT    NOT NULL DEFAULT '',  -- phase ids, comma-joined, in bank order
  bank_version TEXT    NOT NULL,
  round_id     BIGINT,                       -- NULL for a solo check-up
  created_at   BIGINT  NOT NULL,             -- unix seconds
  updated_at   BIGINT  NOT NULL
);

CREATE INDEX responses_round ON responses (round_id) WHERE round_id IS NOT NULL;

CREATE TABLE answers (
  response_id BIGINT  NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  question_id TEXT    NOT NULL,
  now         INTEGER CONSTRAINT answer_now_range CHECK (now BETWEEN 0 AND 4),       -- NULL: not sure
  target      INTEGER CONSTRAINT answer_target_range CHECK (target BETWEEN 0 AND 4), -- NULL: not sure
  note        TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, question_id)
);

CREATE TABLE reflections (
  response_id BIGINT  NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  prompt      TEXT    NOT NULL,
  text        TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, prompt)
);
