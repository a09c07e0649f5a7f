#include "assess/team.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>

namespace cultivate::assess {

namespace {

bool Answered(const model::Answer& a) {
  return a.now && a.target && *a.now >= 0 && *a.now <= 4 && *a.target >= 0 && *a.target <= 4;
}

// Running statistics of one group's per-member scores.
struct Stats {
  int n = 0;
  double sum = 0, sum_sq = 0;
  void Add(double v) {
    ++n;
    sum += v;
    sum_sq += v * v;
  }
  double StdDev() const {
    if (n == 0) return 0;
    double mean = sum / n;
    return std::sqrt(std::max(0.0, sum_sq / n - mean * mean));
  }
  GroupSpread Spread(bool detailed) const {
    GroupSpread s;
    s.n = n;
    if (n == 0) return s;
    double mean = sum / n;
    double stddev = std::sqrt(std::max(0.0, sum_sq / n - mean * mean));
    if (detailed) s.stddev = std::round(stddev);
    s.disputed = n >= 2 && stddev >= kDisputedGroupStddev;
    return s;
  }
};

void Whole(std::optional<double>& v) {
  if (v) *v = std::round(*v) == 0.0 ? 0.0 : std::round(*v);  // no "-0"
}

void Whole(Score& s) {
  Whole(s.now);
  Whole(s.target);
  if (s.now && s.target) s.gap = *s.target - *s.now;
}

// Every percentage a team result shows is whole: fewer digits, nothing to subtract finely.
void Whole(Results& r) {
  Whole(r.overall);
  for (auto* list : {&r.phases, &r.elements, &r.principles, &r.cycles})
    for (auto& g : *list) Whole(g.score);
  for (auto& q : r.questions) Whole(q.score);
  for (auto& reason : r.placement.reasons) Whole(reason.attainment);
  for (auto* list : {&r.improvement_areas, &r.strengths})
    for (auto& a : *list) a.gap = std::round(a.gap);
}

}  // namespace

int EffectiveThreshold(int configured) { return std::max(configured, kMinThreshold); }

TeamRules EffectiveRules(TeamRules configured) {
  TeamRules r;
  r.threshold = EffectiveThreshold(configured.threshold);
  r.min_detail = std::max(configured.min_detail, r.threshold);
  return r;
}

TeamResults ScoreTeam(const Bank& bank, std::vector<std::vector<model::Answer>> responses,
                      const std::vector<std::string>& included,
                      const std::optional<std::string>& declared, int threshold,
                      int min_detail) {
  std::vector<model::RoundResponse> members;
  members.reserve(responses.size());
  for (auto& r : responses) members.push_back({false, std::move(r)});
  return ScoreRound(bank, std::move(members), included, declared, {threshold, min_detail});
}

TeamResults ScoreRound(const Bank& bank, std::vector<model::RoundResponse> responses,
                       const std::vector<std::string>& included,
                       const std::optional<std::string>& declared, TeamRules rules) {
  TeamResults team;
  team.results.bank_version = bank.version;
  rules = EffectiveRules(rules);
  team.threshold = rules.threshold;
  team.min_detail = rules.min_detail;
  team.declared = declared.value_or("");
  std::set<std::string> included_set(included.begin(), included.end());

  // The included bank questions, numbered, each with the statistics groups it counts in
  // (overall, its phase, its element, its principles), so every answer costs one hash
  // lookup and the whole aggregation grows linearly with the number of answers.
  std::vector<const Question*> questions;
  std::unordered_map<std::string_view, size_t> index;
  std::vector<std::string> group_keys{"overall"};
  std::map<std::string, size_t> group_index{{"overall", 0}};
  std::vector<std::vector<size_t>> groups_of;
  auto group = [&](const std::string& key) {
    auto [it, added] = group_index.emplace(key, group_keys.size());
    if (added) group_keys.push_back(key);
    return it->second;
  };
  for (const auto& section : bank.phases) {
    if (!included_set.count(section.id)) continue;
    for (const auto& q : section.questions) {
      index.emplace(q.id, questions.size());
      questions.push_back(&q);
      std::vector<size_t> g{0, group("phase:" + q.phase), group("element:" + q.element)};
      for (const auto& p : q.principles) g.push_back(group("principle:" + p));
      if (!q.cycle.empty()) g.push_back(group("cycle:" + q.cycle));
      groups_of.push_back(std::move(g));
    }
  }

  // Each response's last answer per included question; responses that answered nothing
  // drop out. Coordinators' own are scored but never counted toward a threshold.
  std::vector<std::vector<model::Answer*>> members;
  std::vector<size_t> member_lists;  // which of `responses` each row is
  std::vector<bool> counts;          // a member's, not a coordinator's
  members.reserve(responses.size());
  for (size_t i = 0; i < responses.size(); ++i) {
    std::vector<model::Answer*> row(questions.size(), nullptr);
    for (auto& a : responses[i].answers)
      if (auto it = index.find(a.question); it != index.end()) row[it->second] = &a;
    if (std::any_of(row.begin(), row.end(), [](const model::Answer* a) { return a && Answered(*a); })) {
      members.push_back(std::move(row));
      member_lists.push_back(i);
      counts.push_back(!responses[i].by_coordinator);
      ++(responses[i].by_coordinator ? team.coordinators : team.responses);
    }
  }
  team.hidden = team.responses < team.threshold;
  if (team.hidden) return team;
  team.detailed = team.responses >= team.min_detail;

  // Which questions enough members answered, how everyone answered them, and how far the
  // members' answers (never a coordinator's, who could use their own as a probe) differ.
  std::vector<int> answered_by(questions.size(), 0);
  std::vector<Distribution> spread(questions.size());
  std::vector<Stats> member_now(questions.size());
  std::vector<int> lowest(questions.size(), 4), highest(questions.size(), 0);
  for (size_t m = 0; m < members.size(); ++m)
    for (size_t k = 0; k < questions.size(); ++k) {
      const model::Answer* a = members[m][k];
      if (!a) continue;
      if (!Answered(*a)) {
        ++spread[k].not_sure;
        continue;
      }
      ++spread[k].now[static_cast<size_t>(*a->now)];
      if (!counts[m]) continue;
      ++answered_by[k];
      member_now[k].Add(*a->now);
      lowest[k] = std::min(lowest[k], *a->now);
      highest[k] = std::max(highest[k], *a->now);
    }
  std::vector<bool> shown(questions.size());
  for (size_t k = 0; k < questions.size(); ++k) {
    shown[k] = answered_by[k] >= team.threshold;
    if (!shown[k]) ++team.hidden_questions;
    if (shown[k] && answered_by[k] >= team.min_detail)
      team.distributions[questions[k]->id] = spread[k];
  }

  // Collect notes and per-member group scores over the shown questions; then each member's
  // list keeps only the shown questions (in place: no copies) for the scores.
  std::vector<Stats> stats(group_keys.size());
  std::vector<std::pair<double, int>> sums(group_keys.size());
  std::vector<std::vector<std::string>> notes(questions.size());
  for (size_t row = 0; row < members.size(); ++row) {
    const auto& m = members[row];
    std::fill(sums.begin(), sums.end(), std::make_pair(0.0, 0));
    for (size_t k = 0; k < questions.size(); ++k) {
      model::Answer* a = m[k];
      if (!a || !shown[k]) continue;
      if (!a->note.empty()) notes[k].push_back(std::move(a->note));
      if (!Answered(*a)) continue;
      double now = *a->now * 25.0;
      for (size_t g : groups_of[k]) {
        sums[g].first += now;
        ++sums[g].second;
      }
    }
    if (!counts[row]) continue;  // a group's spread is the members' own scores only
    for (size_t g = 0; g < sums.size(); ++g)
      if (sums[g].second > 0) stats[g].Add(sums[g].first / sums[g].second);
  }
  std::vector<std::vector<model::Answer>> filtered;
  filtered.reserve(members.size());
  for (size_t i : member_lists) {
    auto& list = responses[i].answers;
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const model::Answer& a) {
                                auto it = index.find(a.question);
                                return it == index.end() || !shown[it->second];
                              }),
               list.end());
    filtered.push_back(std::move(list));
  }
  for (size_t k = 0; k < questions.size(); ++k) {
    if (notes[k].empty()) continue;
    std::sort(notes[k].begin(), notes[k].end());
    team.notes[questions[k]->id] = std::move(notes[k]);
  }

  team.results = ScoreCheckup(bank, filtered, included, declared);
  Whole(team.results);
  for (auto& row : team.results.questions) {  // never min or max; spread only with detail
    row.min_now.reset();
    row.max_now.reset();
    row.stddev_now.reset();
    row.disputed = false;
    auto it = index.find(row.id);
    if (it == index.end() || !shown[it->second]) continue;
    size_t k = it->second;
    double sd = member_now[k].StdDev();
    row.disputed = member_now[k].n >= 2 &&
                   (sd >= kDisputedStddev - 1e-9 || highest[k] - lowest[k] >= kDisputedSpread);
    if (team.distributions.count(row.id)) row.stddev_now = member_now[k].StdDev();
  }
  // A group's standard deviation only once enough members have a score for that group.
  auto group_spread = [&](const Stats& st) { return st.Spread(st.n >= team.min_detail); };
  team.overall = group_spread(stats[0]);
  for (size_t g = 1; g < group_keys.size(); ++g) {
    const std::string& key = group_keys[g];
    size_t colon = key.find(':');
    std::string kind = key.substr(0, colon), id = key.substr(colon + 1);
    auto& target = kind == "phase"     ? team.phases
                   : kind == "element" ? team.elements
                   : kind == "cycle"   ? team.cycles
                                       : team.principles;
    target[id] = group_spread(stats[g]);
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
