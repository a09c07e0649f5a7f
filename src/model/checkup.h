#pragma once
/// One person's check-up: the response, its answers and reflections.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/id.h"

namespace cultivate::model {

/// One person's check-up: solo (no round) or, later, a member's answer to a team round.
/// The resume token itself is never stored, only its hash (hex of a SHA-256/BLAKE2b digest).
struct Response {
  Id id = 0;
  std::string token_hash;
  std::string name;                 // the CoP's name as the person typed it; may be empty
  std::vector<std::string> phases;  // phase ids included in this check-up, in bank order
  std::string bank_version;         // question bank version the response was started with
  std::optional<Id> round_id;       // empty for a solo check-up
  std::int64_t created_at = 0;      // unix seconds
  std::int64_t updated_at = 0;
  std::int64_t revision = 0;        // bumped by every change to its answers, reflections or phases
  // A team response made while signed in as a coordinator of the round's community: the
  // privacy thresholds count only the other members' responses (docs/privacy.md).
  bool by_coordinator = false;
  std::optional<Id> user_id;        // that coordinator, while their account exists
};

/// An answer to one question. `now` and `target` are 0..4, or empty for "not sure".
struct Answer {
  std::string question;
  std::optional<int> now;
  std::optional<int> target;
  std::string note;
};

/// One response's answers in a round, as the team results read them: no token, no id.
struct RoundResponse {
  bool by_coordinator = false;
  std::vector<Answer> answers;
};

/// The text a person wrote for one open reflection prompt.
struct Reflection {
  std::string prompt;
  std::string text;
};

}  // namespace cultivate::model
