#include "assess/placement.h"

#include <algorithm>
#include <map>

namespace cultivate::assess {
namespace {

constexpr size_t kDecidingQuestions = 3;

/// Up to three of the phase's own answered questions: lowest now first when the phase is
/// below the threshold, highest first when reached; stable, so ties keep bank order.
std::vector<std::string> Deciding(const PhaseSection& phase,
                                  const std::map<std::string_view, const QuestionRow*>& rows,
                                  bool reached) {
  std::vector<const QuestionRow*> answered;
  for (const auto& q : phase.questions) {
    auto it = rows.find(q.id);
    if (it != rows.end() && it->second->n > 0) answered.push_back(it->second);
  }
  std::stable_sort(answered.begin(), answered.end(),
                   [reached](const QuestionRow* a, const QuestionRow* b) {
                     return reached ? *a->score.now > *b->score.now : *a->score.now < *b->score.now;
                   });
  std::vector<std::string> ids;
  for (size_t i = 0; i < answered.size() && i < kDecidingQuestions; ++i) {
    ids.push_back(answered[i]->id);
  }
  return ids;
}

PhaseReason ReasonFor(const Bank& bank, const PhaseSection& phase,
                      const std::map<std::string_view, const QuestionRow*>& rows, bool included) {
  PhaseReason reason;
  reason.phase = phase.id;
  if (!included) {
    reason.state = "excluded";
    return reason;
  }
  bool own_answered =
      std::any_of(phase.questions.begin(), phase.questions.end(), [&](const Question& q) {
        auto it = rows.find(q.id);
        return it != rows.end() && it->second->n > 0;
      });
  if (!own_answered) {
    reason.state = "no-answers";
    return reason;
  }
  // Weighted over every answered included question that matters to this phase; `rows` only
  // holds included questions, so excluded phases never count.
  double weighted = 0;
  int weights = 0;
  for (const auto& section : bank.phases) {
    for (const auto& q : section.questions) {
      auto it = rows.find(q.id);
      int w = q.Weight(phase.id);
      if (it == rows.end() || it->second->n == 0 || w == 0) continue;
      weighted += w * *it->second->score.now;
      weights += w;
    }
  }
  reason.attainment = weighted / weights;
  bool reached = *reason.attainment >= kReachedThreshold;
  reason.state = reached ? "reached" : "below";
  reason.questions = Deciding(phase, rows, reached);
  return reason;
}

}  // namespace

Placement PlacePhase(const Bank& bank, const std::vector<QuestionRow>& rows,
                     const std::vector<std::string>& included,
                     const std::optional<std::string>& declared) {
  std::map<std::string_view, const QuestionRow*> by_id;
  for (const auto& row : rows) by_id[row.id] = &row;

  Placement placement;
  for (const auto& phase : bank.phases) {
    bool in = std::find(included.begin(), included.end(), phase.id) != included.end();
    placement.reasons.push_back(ReasonFor(bank, phase, by_id, in));
  }

  const PhaseReason* placed = nullptr;
  bool any_scored = false;
  for (const auto& reason : placement.reasons) {
    if (!reason.attainment) continue;
    any_scored = true;
    if (*reason.attainment < kReachedThreshold) {
      placed = &reason;
      break;
    }
  }
  int declared_index = declared ? PhaseIndex(*declared) : -1;
  if (declared_index >= 0) placement.declared = *declared;

  if (!any_scored) {
    placement.summary_key = "not-enough-answers";
    return placement;
  }
  if (!placed) {
    placement.phase = std::string(kPhaseOrder.back());
    placement.summary_key = "all-strong";
  } else {
    placement.phase = placed->phase;
    bool later_reached = false;
    for (const auto& reason : placement.reasons) {
      if (PhaseIndex(reason.phase) > PhaseIndex(placed->phase) && reason.state == "reached") {
        later_reached = true;
      }
    }
    bool declared_later = declared_index > PhaseIndex(placed->phase);
    placement.weak_foundation =
        *placed->attainment < kWeakThreshold && (later_reached || declared_later);
    placement.summary_key = placement.weak_foundation ? "weak-foundation" : "placed";
  }
  if (declared_index >= 0) {
    int placed_index = PhaseIndex(placement.phase);
    placement.declared_key = declared_index == placed_index  ? "same"
                             : declared_index < placed_index ? "declared-earlier"
                                                             : "declared-later";
  }
  return placement;
}

}  // namespace cultivate::assess
