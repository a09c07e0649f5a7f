-- Members' answers stay theirs (docs/privacy.md).
-- A response made while signed in as a coordinator of the round's community is marked as
-- theirs: the privacy thresholds count only the other members. by_coordinator stays set
-- when the account is deleted (user_id then becomes NULL), so such a response never starts
-- counting as a member's.
ALTER TABLE responses ADD COLUMN by_coordinator INTEGER NOT NULL DEFAULT 0
  CONSTRAINT response_by_coordinator CHECK (by_coordinator IN (0, 1));
ALTER TABLE responses ADD COLUMN user_id BIGINT REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX responses_round_user ON responses (round_id, user_id) WHERE user_id IS NOT NULL;

-- How many people an invite is for; a join past it is refused. Existing invites keep
-- working up to the largest limit a coordinator can choose.
ALTER TABLE invites ADD COLUMN max_uses INTEGER NOT NULL DEFAULT 1000
  CONSTRAINT invite_max_uses CHECK (max_uses BETWEEN 1 AND 1000);
