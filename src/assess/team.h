#pragma once
/// Team results: many members' answers to one round, aggregated so that no single answer can
/// be worked out. Pure functions over the bank and the answers, like scoring.h.
///
/// The privacy rules (docs/privacy.md; the community layer shows only closed rounds):
/// - Response threshold: nothing is shown unless at least `threshold` members answered (never
///   below kMinThreshold). Coordinators' own responses are scored but never counted toward a
///   threshold. A question fewer than `threshold` members answered is left out of every score
///   (its phase, element, principle and the overall score are computed without it), so
///   comparing a group with and without it reveals nothing. Notes follow the same rule, per
///   question, and come sorted by text.
/// - Detail threshold: below `min_detail` members (never below `threshold`) results hold
///   means and a "disputed" flag only. From it on, a question whose members' answers reach it
///   also has its distribution, and groups their standard deviation. No minimum or maximum is
///   ever given: at three answers, min, max and mean give away all three.
/// - Every percentage is whole (rounded), gaps are the difference of the rounded values.

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assess/scoring.h"

namespace cultivate::assess {

inline constexpr int kMinThreshold = 3;
inline constexpr int kDefaultMinDetail = 5;
/// A group is disputed when members' own scores for it spread this much (stddev, points).
inline constexpr double kDisputedGroupStddev = 25.0;

struct TeamRules {
  int threshold = kMinThreshold;      // raised to kMinThreshold
  int min_detail = kDefaultMinDetail;  // raised to the threshold
};

/// How the members' own scores for a group (overall, a phase, element or principle) spread.
struct GroupSpread {
  int n = 0;                     // responses with a score for the group
  std::optional<double> stddev;  // percentage points; only from the detail threshold on
  bool disputed = false;         // members disagree (stddev >= kDisputedGroupStddev)
};

/// How many answered each point of the 0..4 scale for `now`, and how many were not sure.
struct Distribution {
  std::array<int, 5> now{};
  int not_sure = 0;
};

struct TeamResults {
  int threshold = kMinThreshold;
  int min_detail = kDefaultMinDetail;
  bool open = false;         // the round is open: only the counts below are filled
  int joined = 0;            // people who joined the round (filled for open rounds)
  int responses = 0;         // members (not coordinators) with at least one answer
  int coordinators = 0;      // coordinators' own responses with an answer, scored too
  bool hidden = true;        // open, or responses < threshold: nothing else below is filled
  bool detailed = false;     // responses >= min_detail
  Results results;           // scored over the shown questions only; whole percentages
  int hidden_questions = 0;  // included questions left out for too few answers
  std::string declared;      // the declared phase the placement was compared with, or ""
  GroupSpread overall;
  std::map<std::string, GroupSpread> phases, elements, principles, cycles;  // by id
  std::map<std::string, Distribution> distributions;  // question -> only where detailed
  std::map<std::string, std::vector<std::string>> notes;  // question -> notes, sorted
};

/// The thresholds actually used: never below kMinThreshold, min_detail never below threshold.
int EffectiveThreshold(int configured);
TeamRules EffectiveRules(TeamRules configured);

/// Aggregates a closed round. Responses that answered nothing are ignored. `included` is the
/// round's phases (all, for a team round). Taken by value and reused in place (std::move it).
TeamResults ScoreRound(const Bank& bank, std::vector<model::RoundResponse> responses,
                       const std::vector<std::string>& included,
                       const std::optional<std::string>& declared, TeamRules rules);

/// ScoreRound for members only (no coordinator's response), with threshold and min_detail.
TeamResults ScoreTeam(const Bank& bank, std::vector<std::vector<model::Answer>> responses,
                      const std::vector<std::string>& included,
                      const std::optional<std::string>& declared, int threshold,
                      int min_detail = kDefaultMinDetail);

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
