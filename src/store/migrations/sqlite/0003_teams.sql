-- Team check-ups: coordinator accounts and their sessions, communities, rounds of the
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
