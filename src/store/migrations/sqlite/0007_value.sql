-- Value creation (issue 16): value-creation stories that follow one thread through the
-- cycles of Wenger, Trayner & de Laat (2011), indicators a coordinator counts per period,
-- and what the coordinators ask of their sponsor. A story goes with its community, its
-- check-up and the account of its author; an indicator with its community and the account
-- that recorded it.
CREATE TABLE stories (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER REFERENCES communities (id) ON DELETE CASCADE,
  response_id  INTEGER REFERENCES responses (id) ON DELETE CASCADE,
  user_id      INTEGER REFERENCES users (id) ON DELETE CASCADE,
  author       TEXT    NOT NULL,
  title        TEXT    NOT NULL,
  happened     TEXT    NOT NULL,
  immediate    TEXT    NOT NULL,
  potential    TEXT    NOT NULL,
  applied      TEXT    NOT NULL,
  realized     TEXT    NOT NULL,
  reframing    TEXT    NOT NULL,
  share        TEXT    NOT NULL CONSTRAINT story_share CHECK (share IN ('coordinators', 'sponsor')),
  named        INTEGER NOT NULL CONSTRAINT story_named CHECK (named IN (0, 1)),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  CONSTRAINT story_teller CHECK (response_id IS NOT NULL OR user_id IS NOT NULL)
) STRICT;

CREATE INDEX stories_community ON stories (community_id) WHERE community_id IS NOT NULL;
CREATE INDEX stories_response ON stories (response_id) WHERE response_id IS NOT NULL;
CREATE INDEX stories_user ON stories (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE indicators (
  id           INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  user_id      INTEGER REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  value        REAL    NOT NULL,
  cycle        TEXT    NOT NULL CONSTRAINT indicator_cycle
                 CHECK (cycle IN ('immediate', 'potential', 'applied', 'realized', 'reframing')),
  period       TEXT    NOT NULL,
  note         TEXT    NOT NULL,
  created_at   INTEGER NOT NULL
) STRICT;

CREATE INDEX indicators_community ON indicators (community_id);

CREATE TABLE sponsor_asks (
  community_id INTEGER PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
  ask          TEXT    NOT NULL,
  updated_at   INTEGER NOT NULL
) STRICT;
