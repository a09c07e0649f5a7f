#pragma once
/// Improvement areas and strengths, steps of ScoreCheckup; public so they can be tested on
/// their own. Both are empty when nothing was placed (no answers).

#include <string>
#include <vector>

#include "assess/bank.h"
#include "assess/scoring.h"

namespace cultivate::assess {

/// priority(q) = gap(q) x (1 + w(q, placed) + 0.5 x w(q, next phase)), plus
/// kWeakFoundationBonus when q belongs to a phase before the placed one and its mean now is
/// under 2 (now% < 50). 0 for an unanswered question.
double Priority(const Question& q, const QuestionRow& row, const std::string& placed_phase);

/// Answered questions with a gap above 0, ranked by priority (ties: bank order), grouped by
/// shared principle (or element, for questions without principles): a question joins the
/// highest-ranked area keyed on one of its principles, else opens a new area keyed on its
/// first principle while fewer than kMaxAreas exist. A full area (kMaxQuestionsPerArea)
/// takes no more questions. Areas are ranked by their top question.
std::vector<Area> RankImprovementAreas(const Bank& bank, const std::vector<QuestionRow>& rows,
                                       const Placement& placement);

/// Answered questions with now >= 3 (now% >= 75) and gap <= 0 in the placed phase or an
/// earlier one, ranked by now (ties: bank order), grouped the same way: what to keep doing.
std::vector<Area> FindStrengths(const Bank& bank, const std::vector<QuestionRow>& rows,
                                const Placement& placement);

}  // namespace cultivate::assess
