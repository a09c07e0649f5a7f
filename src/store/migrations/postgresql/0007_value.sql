-- Value creation (issue 16): value-creation stories that follow one thread through the
-- cycles of Wenger, Trayner & de Laat (2011), indicators a coordinator counts per period,
-- and what the coordinators ask of their sponsor. A story goes with its community, its
-- check-up and the account of its author; an indicator with its community and the account
-- that recorded it.
CREATE TABLE stories (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id BIGINT  REFERENCES communities (id) ON DELETE CASCADE,
  response_id  BIGINT  REFERENCES responses (id) ON DELETE CASCADE,
  user_id      BIGINT  REFERENCES users (id) ON DELETE CASCADE,
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
  created_at   BIGINT  NOT NULL,
  updated_at   BIGINT  NOT NULL,
  CONSTRAINT story_teller CHECK (response_id IS NOT NULL OR user_id IS NOT NULL)
);

CREATE INDEX stories_community ON stories (community_id) WHERE community_id IS NOT NULL;
CREATE INDEX stories_response ON stories (response_id) WHERE response_id IS NOT NULL;
CREATE INDEX stories_user ON stories (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE indicators (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id BIGINT  NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  user_id      BIGINT  REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT    NOT NULL,
  value        DOUBLE PRECISION NOT NULL,
  cycle        TEXT    NOT NULL CONSTRAINT indicator_cycle
                 CHECK (cycle IN ('immediate', 'potential', 'applied', 'realized', 'reframing')),
  period       TEXT    NOT NULL,
  note         TEXT    NOT NULL,
  created_at   BIGINT  NOT NULL
);

CREATE INDEX indicators_community ON indicators (community_id);

CREATE TABLE sponsor_asks (
  community_id BIGINT  PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
  ask          TEXT    NOT NULL,
  updated_at   BIGINT  NOT NULL
);
