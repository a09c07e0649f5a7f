#pragma once
/// A community of practice, its check-up rounds, invites and sponsor links.

#include <cstdint>
#include <optional>
#include <string>

#include "model/id.h"

namespace cultivate::model {

/// A community of practice that coordinators run check-up rounds for.
struct Community {
  Id id = 0;
  std::string name;
  std::string domain;   // the domain statement: what the community is about
  std::string purpose;
  std::string phase;    // the phase the coordinators believe it is in, or empty
  bool demo = false;    // seeded demonstration data
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

/// One yearly (or so) run of the check-up in a community. At most one is open at a time.
struct Round {
  Id id = 0;
  Id community_id = 0;
  std::string title;
  std::string bank_version;            // pinned when the round is opened
  std::int64_t opened_at = 0;
  std::optional<std::int64_t> closes_at;  // planned close, if the coordinator set one
  std::optional<std::int64_t> closed_at;  // empty while open
  std::int64_t revision = 0;           // bumped whenever a member's answers change
  int joined = 0;                      // responses started through invites (filled by reads)
  int answered = 0;                    // of those, members' (not coordinators') responses
                                       // with at least one answered question
  int coordinator_answered = 0;        // coordinators' own responses with an answer
  int invited = 0;                     // people the round's usable invites are meant for
  bool open() const { return !closed_at; }
};

/// An invite link to a round. Only the token's hash is stored.
struct Invite {
  Id id = 0;
  Id community_id = 0;
  Id round_id = 0;
  std::string token_hash;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> revoked_at;
  int uses = 0;
  int max_uses = 1000;  // how many people it is for; a join past it is refused
  bool full() const { return uses >= max_uses; }
};

/// A read-only link for a sponsor. Only the token's hash is stored.
struct SponsorLink {
  Id id = 0;
  Id community_id = 0;
  std::string token_hash;
  std::string label;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> revoked_at;
};

/// An invitation to co-coordinate a community, waiting for the invited person's answer.
struct CoordinatorInvitation {
  Id id = 0;
  Id community_id = 0;
  std::string community_name;  // filled by reads
  std::string email;           // trimmed, lower-cased
  std::int64_t created_at = 0;
};

}  // namespace cultivate::model
