#pragma once
/// The check-up model (shared/design/checkup-model.md) as pure functions: answers in,
/// scores, phase placement, improvement areas and strengths out. Deterministic: the same
/// bank, answers and phases always give the same Results, ties broken by bank order.
///
/// Conventions, so every number can be explained in one sentence:
/// - An answer counts as "answered" only when both now and target are given and in 0..4.
///   "Not sure" (either value empty) and out-of-range values are left out of every mean.
///   Answers to unknown questions or to questions of phases not included are ignored; when a
///   response holds two answers to one question the last one wins.
/// - Per question: now% = mean(now) / 4 x 100 over the responses that answered it (a solo
///   check-up is one response), target% likewise, gap = target% - now% (-100..100).
/// - A group (overall, a phase's own questions, an element, a principle) scores the plain
///   mean of its answered questions' now% and target%, so a team question counts once however
///   many members answered it. A group with nothing answered has no score (empty optionals),
///   never 0. `questions` counts the group's questions in included phases, `answered` how
///   many of them have at least one answer.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assess/bank.h"
#include "model/checkup.h"

namespace cultivate::assess {

/// A phase is reached at this attainment (%), and "far below" under kWeakThreshold.
inline constexpr double kReachedThreshold = 60.0;
inline constexpr double kWeakThreshold = 40.0;
/// Priority points added to a question of a phase before the placed one whose mean now is
/// under 2 (a weak foundation): as much as a one-step gap (25 points) with weight 1 earns.
inline constexpr double kWeakFoundationBonus = 50.0;
/// A team question is disputed when the population standard deviation of now is at least
/// this (scale points), or its min and max now are kDisputedSpread or more apart.
inline constexpr double kDisputedStddev = 1.2;
inline constexpr int kDisputedSpread = 3;
inline constexpr size_t kMaxAreas = 5;
inline constexpr size_t kMaxQuestionsPerArea = 3;

/// Percentages 0..100 (gap -100..100), empty when nothing in the group was answered.
struct Score {
  std::optional<double> now;
  std::optional<double> target;
  std::optional<double> gap;
  int answered = 0;
  int questions = 0;
};

struct GroupScore {
  std::string id;  // phase, element or principle id
  Score score;
};

/// One included question. Statistics are over now, on the 0..4 scale; they are empty when
/// no response answered. disputed needs at least two answers.
struct QuestionRow {
  std::string id;
  Score score;        // questions = 1; answered = n
  int n = 0;          // responses that answered (both values)
  int responses = 0;  // responses given to ScoreCheckup
  std::optional<int> min_now;
  std::optional<int> max_now;
  std::optional<double> stddev_now;  // population standard deviation
  bool disputed = false;
};

/// Why a phase counts as reached or not. state: "reached" (attainment >= 60), "below",
/// "no-answers" (none of its own questions answered: skipped by placement) or "excluded".
/// attainment = sum(w(q,k) x now%(q)) / sum(w(q,k)) over answered questions of included
/// phases with w(q,k) > 0. questions: up to 3 of the phase's own answered questions that
/// decided it: lowest now first when below, highest now first when reached (ties: bank order).
struct PhaseReason {
  std::string phase;
  std::string state;
  std::optional<double> attainment;
  std::vector<std::string> questions;
};

/// Which phase the CoP is in: the first scored phase (in phase order, phases without answers
/// skipped) whose attainment is below 60%; Transform when every scored phase reaches 60%.
/// weak_foundation: the placed phase is under 40% while a later scored phase reaches 60%, or
/// the coordinator declared a later phase ("your foundations need attention").
/// summary_key: "placed" | "weak-foundation" | "all-strong" | "not-enough-answers" (no phase
/// scored; phase is then empty). declared_key: "" (none declared, or nothing placed),
/// "same", "declared-earlier" or "declared-later" (the declared phase relative to phase).
struct Placement {
  std::string phase;
  std::string summary_key;
  bool weak_foundation = false;
  std::string declared;
  std::string declared_key;
  std::vector<PhaseReason> reasons;  // one per bank phase, in phase order
};

/// A group of questions that share a principle (kind "principle", key = principle id) or,
/// for questions without principles, an element (kind "element"). The top question decides
/// recommendation and action; practices and examples are the union, top question first.
/// gap is the mean gap of its questions; priority that of its top question (for strengths:
/// its now%). Strengths leave recommendation and action empty.
struct Area {
  std::string key;
  std::string kind;
  std::vector<std::string> questions;  // ranked, at most kMaxQuestionsPerArea
  double gap = 0;
  double priority = 0;
  std::string recommendation;
  std::string action;
  std::vector<std::string> practices;
  std::vector<std::string> examples;
};

struct Results {
  std::string bank_version;            // the bank that scored them (Bank::ForVersion)
  std::vector<std::string> included;  // included phase ids, in phase order
  Score overall;
  std::vector<GroupScore> phases;      // every bank phase in order; excluded ones: questions 0
  std::vector<GroupScore> elements;    // in order of first use in the bank
  std::vector<GroupScore> principles;  // in order of first use in the bank
  std::vector<GroupScore> cycles;      // value-creation cycles, in cycle order (tagged ones only)
  Placement placement;
  std::vector<Area> improvement_areas;  // ranked, at most kMaxAreas
  std::vector<Area> strengths;          // ranked, at most kMaxAreas
  std::vector<QuestionRow> questions;   // included questions, bank order
};

/// Scores a check-up. `responses` holds one answer list per person (one for a solo
/// check-up). `included` lists the phases in the check-up (unknown ids ignored; empty means
/// none). `declared` is the phase a coordinator said the CoP is in, if any.
Results ScoreCheckup(const Bank& bank, const std::vector<std::vector<model::Answer>>& responses,
                     const std::vector<std::string>& included,
                     const std::optional<std::string>& declared = std::nullopt);

/// The score with this id, or nullptr.
const Score* FindScore(const std::vector<GroupScore>& scores, std::string_view id);
/// The row of an included question, or nullptr.
const QuestionRow* FindRow(const Results& results, std::string_view question);

}  // namespace cultivate::assess
