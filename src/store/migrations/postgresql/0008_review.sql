-- The yearly review meeting (issue 17): one row per reviewed round (the dot-vote's state,
-- its code while open, the next review date, a revision bumped on every vote), the votes
-- (one row per voter and area; the voter is a hash, never a name or a response id), the
-- facilitator's hand counts, the meeting's decision notes, and each community's secret
-- calendar subscription link (one at a time; revoking deletes it).
CREATE TABLE reviews (
  round_id    BIGINT PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
  vote        INTEGER NOT NULL DEFAULT 0 CHECK (vote IN (0, 1, 2)),  -- not yet, open, closed
  code        TEXT UNIQUE,  -- only while the vote is open
  next_review TEXT NOT NULL DEFAULT ''
    CHECK (next_review = '' OR next_review ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  revision    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE review_votes (
  round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  voter    TEXT    NOT NULL,
  area     TEXT    NOT NULL,
  PRIMARY KEY (round_id, voter, area)
);

CREATE TABLE review_hands (
  round_id BIGINT NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  area     TEXT    NOT NULL,
  count    INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (round_id, area)
);

CREATE TABLE review_notes (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  round_id   BIGINT  NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  text       TEXT    NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE INDEX review_notes_round ON review_notes (round_id, id);

CREATE TABLE calendar_links (
  community_id BIGINT PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
  token_hash   TEXT    NOT NULL UNIQUE,
  created_at   BIGINT  NOT NULL
);
