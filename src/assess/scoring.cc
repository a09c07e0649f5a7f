#include "assess/scoring.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "assess/areas.h"
#include "assess/placement.h"

namespace cultivate::assess {
namespace {

bool Answered(const model::Answer& a) {
  return a.now && a.target && *a.now >= 0 && *a.now <= 4 && *a.target >= 0 && *a.target <= 4;
}

double Percent(double scale_mean) { return scale_mean / 4.0 * 100.0; }

// people[i][k]: person i's answer to the bank's k-th question, or nullptr.
using People = std::vector<std::vector<const model::Answer*>>;

QuestionRow RowFor(const Question& q, size_t k, const People& people) {
  QuestionRow row;
  row.id = q.id;
  row.responses = static_cast<int>(people.size());
  row.score.questions = 1;
  std::vector<int> nows;
  std::vector<int> targets;
  nows.reserve(people.size());
  targets.reserve(people.size());
  for (const auto& answers : people) {
    const model::Answer* a = answers[k];
    if (!a || !Answered(*a)) continue;
    nows.push_back(*a->now);
    targets.push_back(*a->target);
  }
  row.n = static_cast<int>(nows.size());
  row.score.answered = row.n;
  if (nows.empty()) return row;
  double n = static_cast<double>(nows.size());
  int sum_now = 0;
  int sum_target = 0;
  for (size_t i = 0; i < nows.size(); ++i) {
    sum_now += nows[i];
    sum_target += targets[i];
  }
  double mean_now = sum_now / n;
  double mean_target = sum_target / n;
  row.score.now = Percent(mean_now);
  row.score.target = Percent(mean_target);
  row.score.gap = *row.score.target - *row.score.now;
  auto [lo, hi] = std::minmax_element(nows.begin(), nows.end());
  row.min_now = *lo;
  row.max_now = *hi;
  double variance = 0;
  for (int v : nows) variance += (v - mean_now) * (v - mean_now) / n;
  row.stddev_now = std::sqrt(variance);
  // A small tolerance so a deviation of exactly 1.2 is not lost to rounding.
  row.disputed = row.n >= 2 && (*row.stddev_now >= kDisputedStddev - 1e-9 ||
                                *row.max_now - *row.min_now >= kDisputedSpread);
  return row;
}

/// Plain mean of the answered rows' percentages.
Score GroupOf(const std::vector<const QuestionRow*>& rows) {
  Score s;
  s.questions = static_cast<int>(rows.size());
  double now = 0;
  double target = 0;
  for (const QuestionRow* r : rows) {
    if (r->n == 0) continue;
    ++s.answered;
    now += *r->score.now;
    target += *r->score.target;
  }
  if (s.answered == 0) return s;
  s.now = now / s.answered;
  s.target = target / s.answered;
  s.gap = *s.target - *s.now;
  return s;
}

void AddOnce(std::vector<std::string>& ids, const std::string& id) {
  if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

}  // namespace

Results ScoreCheckup(const Bank& bank, const std::vector<std::vector<model::Answer>>& responses,
                     const std::vector<std::string>& included,
                     const std::optional<std::string>& declared) {
  Results results;
  results.bank_version = bank.version;
  for (const auto& phase : bank.phases) {
    if (std::find(included.begin(), included.end(), phase.id) != included.end()) {
      results.included.push_back(phase.id);
    }
  }
  auto is_included = [&](const std::string& phase) {
    return std::find(results.included.begin(), results.included.end(), phase) !=
           results.included.end();
  };

  // Bank questions by id, numbered in bank order: one hash lookup per answer, so scoring
  // grows linearly with the number of answers.
  std::unordered_map<std::string_view, size_t> index;
  for (const auto& phase : bank.phases)
    for (const auto& q : phase.questions) index.emplace(q.id, index.size());
  People people(responses.size(), std::vector<const model::Answer*>(index.size(), nullptr));
  for (size_t i = 0; i < responses.size(); ++i) {
    for (const auto& a : responses[i]) {
      auto it = index.find(a.question);
      if (it != index.end()) people[i][it->second] = &a;  // last one wins; unknown ignored
    }
  }

  std::vector<std::string> element_ids;
  std::vector<std::string> principle_ids;
  size_t k = 0;
  for (const auto& phase : bank.phases) {
    for (const auto& q : phase.questions) {
      AddOnce(element_ids, q.element);
      for (const auto& p : q.principles) AddOnce(principle_ids, p);
      if (is_included(phase.id)) results.questions.push_back(RowFor(q, k, people));
      ++k;
    }
  }

  // Rows and questions side by side, for grouping.
  std::vector<std::pair<const Question*, const QuestionRow*>> pairs;
  for (const auto& row : results.questions) pairs.emplace_back(bank.FindQuestion(row.id), &row);
  auto group = [&](auto&& member) {
    std::vector<const QuestionRow*> rows;
    for (const auto& [q, row] : pairs) {
      if (member(*q)) rows.push_back(row);
    }
    return GroupOf(rows);
  };

  results.overall = group([](const Question&) { return true; });
  for (const auto& phase : bank.phases) {
    results.phases.push_back(
        {phase.id, group([&](const Question& q) { return q.phase == phase.id; })});
  }
  for (const auto& id : element_ids) {
    results.elements.push_back({id, group([&](const Question& q) { return q.element == id; })});
  }
  for (const auto& id : principle_ids) {
    results.principles.push_back({id, group([&](const Question& q) {
                                    return std::find(q.principles.begin(), q.principles.end(),
                                                     id) != q.principles.end();
                                  })});
  }

  for (const char* id : {"immediate", "potential", "applied", "realized", "reframing"}) {
    bool tagged = false;
    for (const auto& phase : bank.phases)
      for (const auto& q : phase.questions) tagged = tagged || q.cycle == id;
    if (tagged)
      results.cycles.push_back({id, group([&](const Question& q) { return q.cycle == id; })});
  }

  results.placement = PlacePhase(bank, results.questions, results.included, declared);
  results.improvement_areas = RankImprovementAreas(bank, results.questions, results.placement);
  results.strengths = FindStrengths(bank, results.questions, results.placement);
  return results;
}

const Score* FindScore(const std::vector<GroupScore>& scores, std::string_view id) {
  for (const auto& s : scores) {
    if (s.id == id) return &s.score;
  }
  return nullptr;
}

const QuestionRow* FindRow(const Results& results, std::string_view question) {
  for (const auto& row : results.questions) {
    if (row.id == question) return &row;
  }
  return nullptr;
}

}  // namespace cultivate::assess
