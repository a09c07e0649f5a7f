#pragma once
/// The yearly review meeting of a closed round: its dot-vote, hand counts, decision notes and
/// next review date; and a community's calendar subscription link.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/id.h"

namespace cultivate::model {

enum class VoteState { kNotStarted = 0, kOpen = 1, kClosed = 2 };

/// A short note the facilitator keeps with the round as the meeting's record.
struct DecisionNote {
  Id id = 0;
  std::string text;
  std::int64_t created_at = 0;
};

/// The meeting of one round. A round nobody reviewed yet has the defaults.
struct Review {
  Id round_id = 0;
  VoteState vote = VoteState::kNotStarted;
  std::string code;         // the screen's voting code, only while the vote is open
  std::string next_review;  // YYYY-MM-DD, or empty
  std::int64_t revision = 0;  // bumped on every vote, hand count and state change
  std::vector<DecisionNote> notes;  // oldest first
};

/// The dot-vote as counted: never who voted for what.
struct VoteTally {
  std::int64_t revision = 0;
  VoteState vote = VoteState::kNotStarted;
  int voters = 0;                     // people who voted from a device
  std::map<std::string, int> votes;   // area key -> devices' votes
  std::map<std::string, int> hands;   // area key -> the facilitator's count of raised hands
};

}  // namespace cultivate::model
