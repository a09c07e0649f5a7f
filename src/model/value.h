#pragma once
/// Value creation (Wenger, Trayner & de Laat 2011): stories that follow one thread through
/// the cycles, indicators a coordinator counts, and what the community asks of its sponsor.

#include <cstdint>
#include <optional>
#include <string>

#include "model/id.h"

namespace cultivate::model {

/// A value-creation story, told by a member (through their check-up link), a solo user
/// (beside their plan) or a coordinator. Texts of cycles not reached are empty.
struct Story {
  Id id = 0;
  std::optional<Id> community_id;  // empty for a solo user's story
  std::optional<Id> response_id;   // the check-up it was told from; empty for a coordinator's
  std::optional<Id> user_id;       // the account behind it, if any (deleted with it)
  std::string author;              // the name to show when `named`
  std::string title;
  std::string happened;            // what happened (the one required text)
  std::string immediate, potential, applied, realized, reframing;
  std::string share = "coordinators";  // "coordinators" | "sponsor"
  bool named = false;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

/// A number a coordinator counted for one period, tagged with the cycle it speaks to.
struct Indicator {
  Id id = 0;
  Id community_id = 0;
  std::optional<Id> user_id;  // who recorded it (deleted with their account)
  std::string name;
  double value = 0;
  std::string cycle;   // a cycle id: immediate, potential, applied, realized, reframing
  std::string period;  // "YYYY", "YYYY-MM" or "YYYY-Qn"
  std::string note;    // how it was counted
  std::int64_t created_at = 0;
};

}  // namespace cultivate::model
