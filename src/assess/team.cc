#include "assess/team.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace cultivate::assess {

namespace {

bool Answered(const store::Answer& a) {
  return a.now && a.target && *a.now >= 0 && *a.now <= 4 && *a.target >= 0 && *a.target <= 4;
}

// Running statistics of one group's per-member scores.
struct Stats {
  int n = 0;
  double sum = 0, sum_sq = 0, min = 0, max = 0;
  void Add(double v) {
    if (n == 0 || v < min) min = v;
    if (n == 0 || v > max) max = v;
    ++n;
    sum += v;
    sum_sq += v * v;
  }
  GroupSpread Spread() const {
    GroupSpread s;
    s.n = n;
    if (n == 0) return s;
    double mean = sum / n;
    double var = std::max(0.0, sum_sq / n - mean * mean);
    s.min = min;
    s.max = max;
    s.stddev = std::sqrt(var);
    s.disputed = n >= 2 && *s.stddev >= kDisputedGroupStddev;
    return s;
  }
};

// One member's now% per group, over the shown questions they answered.
struct MemberSums {
  std::map<std::string, std::pair<double, int>> sums;  // group key -> (sum now%, count)
  void Add(const std::string& key, double now_percent) {
    auto& [sum, count] = sums[key];
    sum += now_percent;
    ++count;
  }
};

}  // namespace

int EffectiveThreshold(int configured) { return std::max(configured, kMinThreshold); }

TeamResults ScoreTeam(const Bank& bank, const std::vector<std::vector<store::Answer>>& responses,
                      const std::vector<std::string>& included,
                      const std::optional<std::string>& declared, int threshold) {
  TeamResults team;
  team.threshold = EffectiveThreshold(threshold);
  std::set<std::string> included_set(included.begin(), included.end());

  // Keep each member's last answer per known, included question (the rule of ScoreCheckup).
  std::vector<std::map<std::string, const store::Answer*>> members;
  members.reserve(responses.size());
  for (const auto& list : responses) {
    std::map<std::string, const store::Answer*> by_question;
    for (const auto& a : list) {
      const Question* q = bank.FindQuestion(a.question);
      if (!q || !included_set.count(q->phase)) continue;
      by_question[a.question] = &a;
    }
    bool any = std::any_of(by_question.begin(), by_question.end(),
                           [](const auto& kv) { return Answered(*kv.second); });
    if (any) members.push_back(std::move(by_question));
  }
  team.responses = static_cast<int>(members.size());
  team.hidden = team.responses < team.threshold;
  if (team.hidden) return team;

  // Which questions enough members answered.
  std::map<std::string, int> answered_by;
  for (const auto& m : members)
    for (const auto& [id, a] : m)
      if (Answered(*a)) ++answered_by[id];
  std::set<std::string> shown;
  for (const auto& section : bank.phases) {
    if (!included_set.count(section.id)) continue;
    for (const auto& q : section.questions) {
      if (answered_by[q.id] >= team.threshold)
        shown.insert(q.id);
      else
        ++team.hidden_questions;
    }
  }

  // Score only the shown questions, and collect notes and per-member group scores.
  std::vector<std::vector<store::Answer>> filtered;
  filtered.reserve(members.size());
  std::map<std::string, Stats> stats;  // "overall", "phase:<id>", "element:<id>", ...
  for (const auto& m : members) {
    std::vector<store::Answer> list;
    MemberSums sums;
    for (const auto& [id, a] : m) {
      if (!shown.count(id)) continue;
      list.push_back(*a);
      if (!a->note.empty()) team.notes[id].push_back(a->note);
      if (!Answered(*a)) continue;
      const Question* q = bank.FindQuestion(id);
      double now = *a->now * 25.0;
      sums.Add("overall", now);
      sums.Add("phase:" + q->phase, now);
      sums.Add("element:" + q->element, now);
      for (const auto& p : q->principles) sums.Add("principle:" + p, now);
    }
    for (const auto& [key, sc] : sums.sums) stats[key].Add(sc.first / sc.second);
    filtered.push_back(std::move(list));
  }
  for (auto& [id, notes] : team.notes) std::sort(notes.begin(), notes.end());

  team.results = ScoreCheckup(bank, filtered, included, declared);
  team.overall = stats["overall"].Spread();
  for (const auto& [key, s] : stats) {
    size_t colon = key.find(':');
    if (colon == std::string::npos) continue;
    std::string kind = key.substr(0, colon), id = key.substr(colon + 1);
    auto& target = kind == "phase" ? team.phases : kind == "element" ? team.elements
                                                                     : team.principles;
    target[id] = s.Spread();
  }
  return team;
}

std::vector<GroupChange> CompareGroups(const std::vector<GroupScore>& from,
                                       const std::vector<GroupScore>& to) {
  std::vector<GroupChange> out;
  auto add = [&](const std::string& id) {
    for (const auto& c : out)
      if (c.id == id) return;
    GroupChange c;
    c.id = id;
    if (const Score* s = FindScore(from, id)) {
      c.from_now = s->now;
      c.from_target = s->target;
    }
    if (const Score* s = FindScore(to, id)) {
      c.to_now = s->now;
      c.to_target = s->target;
    }
    if (c.from_now && c.to_now) c.change_now = *c.to_now - *c.from_now;
    if (c.from_target && c.to_target) c.change_target = *c.to_target - *c.from_target;
    out.push_back(std::move(c));
  };
  for (const auto& g : to) add(g.id);
  for (const auto& g : from) add(g.id);
  return out;
}

}  // namespace cultivate::assess
