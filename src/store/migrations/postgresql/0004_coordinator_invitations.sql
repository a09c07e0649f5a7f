-- Invitations to co-coordinate a community. The invited person sees them on their account
-- page and accepts or declines; nobody becomes a coordinator without saying yes. Kept by
-- email (trimmed, lower-cased), so inviting tells nothing about whether the email has an
-- account.
CREATE TABLE coordinator_invitations (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  community_id BIGINT  NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
  email        TEXT    NOT NULL,
  invited_by   BIGINT  REFERENCES users (id) ON DELETE SET NULL,
  created_at   BIGINT  NOT NULL,
  UNIQUE (community_id, email)
);

CREATE INDEX coordinator_invitations_email ON coordinator_invitations (email);
