// Embedded copies of migrations/sqlite/*.sql. Edit the .sql file first, then paste it here
// verbatim; migrations_test.cc compares the two byte for byte.

#include "store/migrations.h"

#include <array>

namespace cultivate::store {
namespace {

constexpr std::string_view k0001 = R"sql(-- Check-ups: one response per person and check-up, its answers and its reflections.

CREATE TABLE responses (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT    NOT NULL UNIQUE,      -- hash of the resume token, never the token
  name         TEXT    NOT NULL DEFAULT '',  -- the CoP's name as typed
  phases       TEXT    NOT NULL DEFAULT '',  -- phase ids, comma-joined, in bank order
  bank_version TEXT    NOT NULL,
  round_id     INTEGER,                      -- NULL for a solo check-up
  created_at   INTEGER NOT NULL,             -- unix seconds
  updated_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX responses_round ON responses (round_id) WHERE round_id IS NOT NULL;

CREATE TABLE answers (
  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  question_id TEXT    NOT NULL,
  now         INTEGER CONSTRAINT answer_now_range CHECK (now BETWEEN 0 AND 4),       -- NULL: not sure
  target      INTEGER CONSTRAINT answer_target_range CHECK (target BETWEEN 0 AND 4), -- NULL: not sure
  note        TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, question_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE reflections (
  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  prompt      TEXT    NOT NULL,
  text        TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, prompt)
) STRICT, WITHOUT ROWID;
)sql";

constexpr std::string_view k0002 = R"sql(-- Strategy plans and their action items. A plan belongs to one response for now; the
-- community_id column lets a later migration give a community its shared plan.

CREATE TABLE plans (
  id           INTEGER PRIMARY KEY,
  response_id  INTEGER REFERENCES responses (id) ON DELETE CASCADE,
  community_id INTEGER,  -- no foreign key until communities exist
  vision       TEXT    NOT NULL DEFAULT '',
  goals        TEXT    NOT NULL DEFAULT '',
  strategies   TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,  -- unix seconds
  updated_at   INTEGER NOT NULL,
  CONSTRAINT plan_owner CHECK ((response_id IS NULL) <> (community_id IS NULL))
) STRICT;

CREATE UNIQUE INDEX plans_response ON plans (response_id);

CREATE TABLE plan_items (
  plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,  -- 0-based order within the plan
  what     TEXT    NOT NULL,
  owner    TEXT    NOT NULL DEFAULT '',
  due      TEXT    NOT NULL DEFAULT ''
    CONSTRAINT plan_item_due
    CHECK (due = '' OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  status   TEXT    NOT NULL DEFAULT 'todo'
    CONSTRAINT plan_item_status CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
  source   TEXT    NOT NULL DEFAULT '',  -- question id the item was suggested from
  PRIMARY KEY (plan_id, position)
) STRICT, WITHOUT ROWID;
)sql";

constexpr std::array kSqlite = {
    Migration{1, "0001_init", k0001},
    Migration{2, "0002_plans", k0002},
};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kSqlite; }

}  // namespace cultivate::store
