#pragma once
/// Team results: many members' answers to one round, aggregated so that no single answer can
/// be worked out. Pure functions over the bank and the answers, like scoring.h.
///
/// Privacy rule (issue 6): nothing is shown unless at least `threshold` members answered
/// (threshold is never below kMinThreshold). The rule holds under every breakdown: a
/// question answered by fewer than `threshold` members is left out of every score (its
/// phase, element, principle and the overall score are computed without it, as if nobody
/// had answered it), so no view mixes in a question too few people answered, and comparing a
/// group with and without it reveals nothing. Notes follow the same rule, per question.
///
/// Spread: for a question, min/max/stddev of `now` on the 0..4 scale (scoring.h). For a group
/// (overall, phase, element, principle), each member's own now% for the group (the mean of
/// the group's shown questions they answered) gives min/max/stddev in percentage points.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assess/scoring.h"

namespace cultivate::assess {

inline constexpr int kMinThreshold = 3;
/// A group is disputed when members' own scores for it spread this much (stddev, points).
inline constexpr double kDisputedGroupStddev = 25.0;

struct GroupSpread {
  int n = 0;  // members with a score for the group
  std::optional<double> min;
  std::optional<double> max;
  std::optional<double> stddev;
  bool disputed = false;
};

struct TeamResults {
  int threshold = kMinThreshold;
  int responses = 0;     // members with at least one answered question
  bool hidden = true;    // responses < threshold: nothing else below is filled
  Results results;       // scored over the shown questions only
  int hidden_questions = 0;  // included questions left out for too few answers
  GroupSpread overall;
  std::map<std::string, GroupSpread> phases, elements, principles;  // by id
  std::map<std::string, std::vector<std::string>> notes;  // question -> notes, sorted
};

/// The threshold actually used: `configured`, but never below kMinThreshold.
int EffectiveThreshold(int configured);

/// Aggregates a round. `responses` holds each member's answers; members who answered
/// nothing are ignored. `included` is the round's phases (all, for a team round).
/// `responses` is taken by value and reused in place (pass it with std::move).
TeamResults ScoreTeam(const Bank& bank, std::vector<std::vector<model::Answer>> responses,
                      const std::vector<std::string>& included,
                      const std::optional<std::string>& declared, int threshold);

/// Change between two rounds' group scores (to - from), per id, in percentage points; empty
/// where either round has no score for the group.
struct GroupChange {
  std::string id;
  std::optional<double> from_now, to_now, from_target, to_target;
  std::optional<double> change_now, change_target;
};
std::vector<GroupChange> CompareGroups(const std::vector<GroupScore>& from,
                                       const std::vector<GroupScore>& to);

}  // namespace cultivate::assess
