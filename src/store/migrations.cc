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

constexpr std::string_view k0003 = R"sql(-- Team check-ups: coordinator accounts and their sessions, communities, rounds of the
-- check-up, invite links, sponsor links, and the community's shared plan. Revision counters
-- let the server cache scored results until an answer changes.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT    NOT NULL DEFAULT '',
  password_hash TEXT    NOT NULL,  -- libsodium crypto_pwhash_str (argon2id), never the password
  created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  id_hash    TEXT    PRIMARY KEY,  -- hash of the cookie value, never the value
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf       TEXT    NOT NULL,     -- token every form of this session carries
  created_at INTEGER NOT NULL,
  seen_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE communities (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  domain     TEXT    NOT NULL DEFAULT '',
  purpose    TEXT    NOT NULL DEFAULT '',
  phase      TEXT    NOT NULL DEFAULT '',  -- the phase the coordinators believe it is in
  demo       INTEGER NOT NULL DEFAULT 0 CONSTRAINT community_demo CHECK (demo IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE memberships (
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role         TEXT    NOT NULL DEFAULT 'coordinator'
    CONSTRAINT membership_role CHECK (role IN ('coordinator')),
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (community_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE rounds (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  title        TEXT    NOT NULL DEFAULT '',
  bank_version TEXT    NOT NULL,  -- the question bank the round was opened with
  opened_at    INTEGER NOT NULL,
  closes_at    INTEGER,           -- optional planned close (unix seconds)
  closed_at    INTEGER,           -- NULL while open
  revision     INTEGER NOT NULL DEFAULT 0  -- bumped whenever a member's answers change
) STRICT;

CREATE INDEX rounds_community ON rounds (community_id);
CREATE UNIQUE INDEX rounds_one_open ON rounds (community_id) WHERE closed_at IS NULL;

CREATE TABLE invites (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  token_hash   TEXT    NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  revoked_at   INTEGER,
  uses         INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX invites_community ON invites (community_id);

CREATE TABLE sponsor_links (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  token_hash   TEXT    NOT NULL UNIQUE,
  label        TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  revoked_at   INTEGER
) STRICT;

CREATE INDEX sponsor_links_community ON sponsor_links (community_id);

-- A member's response belongs to a round; deleting the round (or its community) deletes it.
CREATE TRIGGER rounds_delete_responses AFTER DELETE ON rounds BEGIN
  DELETE FROM responses WHERE round_id = OLD.id;
END;

-- The community's shared plan: plans.community_id gets its uniqueness and cleanup.
CREATE UNIQUE INDEX plans_community ON plans (community_id) WHERE community_id IS NOT NULL;
CREATE TRIGGER communities_delete_plan AFTER DELETE ON communities BEGIN
  DELETE FROM plans WHERE community_id = OLD.id;
END;

ALTER TABLE responses ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
)sql";

constexpr std::array kSqlite = {
    Migration{1, "0001_init", k0001},
    Migration{2, "0002_plans", k0002},
    Migration{3, "0003_teams", k0003},
};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kSqlite; }

}  // namespace cultivate::store
