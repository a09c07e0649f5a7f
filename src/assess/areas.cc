#include "assess/areas.h"

#include <algorithm>

namespace cultivate::assess {
namespace {

constexpr double kEpsilon = 1e-9;
constexpr double kStrongNow = 75.0;          // now >= 3 on the 0..4 scale
constexpr double kWeakFoundationNow = 50.0;  // now < 2 on the 0..4 scale

struct Ranked {
  const Question* question;
  const QuestionRow* row;
  double priority;
};

void AddOnce(std::vector<std::string>& ids, const std::vector<std::string>& more) {
  for (const auto& id : more) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
}

bool Matches(const Area& area, const Question& q) {
  if (area.kind == "element") return q.principles.empty() && area.key == q.element;
  return std::find(q.principles.begin(), q.principles.end(), area.key) != q.principles.end();
}

/// Groups ranked questions into at most kMaxAreas areas (see RankImprovementAreas).
std::vector<Area> Group(std::vector<Ranked> ranked, bool with_advice) {
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const Ranked& a, const Ranked& b) { return a.priority > b.priority; });
  std::vector<Area> areas;
  std::vector<std::vector<double>> gaps;
  for (const Ranked& r : ranked) {
    const Question& q = *r.question;
    auto it =
        std::find_if(areas.begin(), areas.end(), [&](const Area& a) { return Matches(a, q); });
    if (it == areas.end()) {
      if (areas.size() >= kMaxAreas) continue;
      Area area;
      area.kind = q.principles.empty() ? "element" : "principle";
      area.key = q.principles.empty() ? q.element : q.principles.front();
      area.priority = r.priority;
      if (with_advice) {
        area.recommendation = q.recommendation;
        area.action = q.action;
      }
      areas.push_back(std::move(area));
      gaps.emplace_back();
      it = areas.end() - 1;
    }
    if (it->questions.size() >= kMaxQuestionsPerArea) continue;
    it->questions.push_back(q.id);
    AddOnce(it->practices, q.practices);
    AddOnce(it->examples, q.examples);
    gaps[it - areas.begin()].push_back(*r.row->score.gap);
  }
  for (size_t i = 0; i < areas.size(); ++i) {
    double sum = 0;
    for (double g : gaps[i]) sum += g;
    areas[i].gap = sum / static_cast<double>(gaps[i].size());
  }
  return areas;
}

/// Included answered questions with their rows, in bank order.
std::vector<Ranked> Answered(const Bank& bank, const std::vector<QuestionRow>& rows) {
  std::vector<Ranked> out;
  for (const auto& phase : bank.phases) {
    for (const auto& q : phase.questions) {
      auto it = std::find_if(rows.begin(), rows.end(),
                             [&](const QuestionRow& r) { return r.id == q.id; });
      if (it != rows.end() && it->n > 0) out.push_back({&q, &*it, 0});
    }
  }
  return out;
}

}  // namespace

double Priority(const Question& q, const QuestionRow& row, const std::string& placed_phase) {
  if (row.n == 0) return 0;
  int placed = PhaseIndex(placed_phase);
  double weight = 1.0;
  if (placed >= 0) {
    weight += q.Weight(placed_phase);
    if (placed + 1 < static_cast<int>(kPhaseOrder.size())) {
      weight += 0.5 * q.Weight(kPhaseOrder[placed + 1]);
    }
  }
  double priority = *row.score.gap * weight;
  int own = PhaseIndex(q.phase);
  if (placed >= 0 && own >= 0 && own < placed && *row.score.now < kWeakFoundationNow) {
    priority += kWeakFoundationBonus;
  }
  return priority;
}

std::vector<Area> RankImprovementAreas(const Bank& bank, const std::vector<QuestionRow>& rows,
                                       const Placement& placement) {
  if (placement.phase.empty()) return {};
  std::vector<Ranked> candidates;
  for (Ranked r : Answered(bank, rows)) {
    if (*r.row->score.gap <= kEpsilon) continue;
    r.priority = Priority(*r.question, *r.row, placement.phase);
    candidates.push_back(r);
  }
  return Group(std::move(candidates), /*with_advice=*/true);
}

std::vector<Area> FindStrengths(const Bank& bank, const std::vector<QuestionRow>& rows,
                                const Placement& placement) {
  int placed = PhaseIndex(placement.phase);
  if (placed < 0) return {};
  std::vector<Ranked> candidates;
  for (Ranked r : Answered(bank, rows)) {
    if (PhaseIndex(r.question->phase) > placed) continue;
    if (*r.row->score.now < kStrongNow - kEpsilon || *r.row->score.gap > kEpsilon) continue;
    r.priority = *r.row->score.now;
    candidates.push_back(r);
  }
  return Group(std::move(candidates), /*with_advice=*/false);
}

}  // namespace cultivate::assess
