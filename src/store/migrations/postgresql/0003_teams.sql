-- Team check-ups: coordinator accounts and their sessions, communities, rounds of the
-- check-up, invite links, sponsor links, and the community's shared plan. Revision counters
-- let the server cache scored results until an answer changes.

CREATE TABLE users (
  id            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email         TEXT    NOT NULL,  -- unique ignoring case (users_email), kept as typed
  name          TEXT    NOT NULL DEFAULT '',
  password_hash TEXT    NOT NULL,  -- libsodium crypto_pwhash_str (argon2id), never the password
  created_at    BIGINT  NOT NULL
);

-- SQLite's UNIQUE COLLATE NOCASE: lookups go through lower(email) to use it.
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE sessions (
  id_hash    TEXT    PRIMARY KEY,  -- hash of the cookie value, never the value
  user_id    BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf       TEXT    NOT NULL,     -- token every form of this session carries
  created_at BIGINT  NOT NULL,
  seen_at    BIGINT  NOT NULL
);

CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE communities (
  id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       TEXT    NOT NULL,
  domain     TEXT    NOT NULL DEFAULT '',
  purpose    TEXT    NOT NULL DEFAULT '',
  phase      TEXT    NOT NULL DEFAULT '',  -- the phase the coordinators believe it is in
  demo       INTEGER NOT NULL DEFAULT 0 CONSTRAINT community_demo CHECK (demo IN (0, 1)),
  created_at BIGINT  NOT NULL,
  updated_at BIGINT  NOT NULL
);

CREATE TABLE memberships (
  community_id BIGINT  NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  user_id      BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role         TEXT    NOT NULL DEFAULT 'coordinator'
    CONSTRAINT membership_role CHECK (role IN ('coordinator')),
  created_at   BIGINT  NOT NULL,
  PRIMARY KEY (community_id, user_id)
);

CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE rounds (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id BIGINT  NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  title        TEXT    NOT NULL DEFAULT '',
  bank_version TEXT    NOT NULL,  -- the question bank the round was opened with
  opened_at    BIGINT  NOT NULL,
  closes_at    BIGINT,            -- optional planned close (unix seconds)
  closed_at    BIGINT,            -- NULL while open
  revision     BIGINT  NOT NULL DEFAULT 0  -- bumped whenever a member's answers change
);

CREATE INDEX rounds_community ON rounds (community_id);
CREATE UNIQUE INDEX rounds_one_open ON rounds (community_id) WHERE closed_at IS NULL;

CREATE TABLE invites (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id BIGINT  NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  round_id     BIGINT  NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  token_hash   TEXT    NOT NULL UNIQUE,
  created_at   BIGINT  NOT NULL,
  expires_at   BIGINT  NOT NULL,
  revoked_at   BIGINT,
  uses         INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX invites_community ON invites (community_id);

CREATE TABLE sponsor_links (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id BIGINT  NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  token_hash   TEXT    NOT NULL UNIQUE,
  label        TEXT    NOT NULL DEFAULT '',
  created_at   BIGINT  NOT NULL,
  revoked_at   BIGINT
);

CREATE INDEX sponsor_links_community ON sponsor_links (community_id);

-- A member's response belongs to a round; deleting the round (or its community) deletes it.
-- A trigger as in SQLite, not a foreign key: responses.round_id has never been checked
-- against rounds (the store contract lets a response name any round id).
CREATE FUNCTION rounds_delete_responses() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM responses WHERE round_id = OLD.id;
  RETURN OLD;
END;
$$;
CREATE TRIGGER rounds_delete_responses AFTER DELETE ON rounds
  FOR EACH ROW EXECUTE FUNCTION rounds_delete_responses();

-- The community's shared plan: plans.community_id gets its uniqueness and, where SQLite
-- needs a trigger, a foreign key that removes the plan with its community.
CREATE UNIQUE INDEX plans_community ON plans (community_id) WHERE community_id IS NOT NULL;
ALTER TABLE plans ADD CONSTRAINT plans_community_fk
  FOREIGN KEY (community_id) REFERENCES communities (id) ON DELETE CASCADE;

ALTER TABLE responses ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
