#include "web/team_json.h"

#include <cmath>

#include "common/dates.h"
#include "common/message_keys.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

json Num(const std::optional<double>& v, double scale = 10) {
  if (!v) return nullptr;
  return std::round(*v * scale) / scale;
}

json SpreadJson(const assess::GroupSpread& s) {
  return {{"n", s.n}, {"stddev", Num(s.stddev, 1)}, {"disputed", s.disputed}};
}

}  // namespace

json TeamResultsJson(WebApp& app, const assess::TeamResults& team) {
  json counts{{"open", team.open},
              {"hidden", team.hidden},
              {"responses", team.responses},
              {"coordinators", team.coordinators},
              {"threshold", team.threshold},
              {"min_detail", team.min_detail}};
  if (team.open) counts["joined"] = team.joined;
  if (team.hidden) return counts;
  const assess::Labels& labels = app.labels();
  json out = assess::ResultsToJson(team.results, labels);
  out.update(counts);
  out["detailed"] = team.detailed;
  out["hidden_questions"] = team.hidden_questions;
  out["overall_spread"] = SpreadJson(team.overall);
  auto spread = [](json& list, const std::map<std::string, assess::GroupSpread>& by_id) {
    for (auto& item : list) {
      auto it = by_id.find(item["id"].get<std::string>());
      item["spread"] = SpreadJson(it == by_id.end() ? assess::GroupSpread{} : it->second);
    }
  };
  spread(out["phases"], team.phases);
  spread(out["elements"], team.elements);
  spread(out["principles"], team.principles);
  spread(out["cycles"], team.cycles);
  for (auto& q : out["questions"]) {
    // Never a minimum or maximum: at three answers they give every answer away.
    q.erase("min");
    q.erase("max");
    auto d = team.distributions.find(q["id"].get<std::string>());
    q["distribution"] = d == team.distributions.end()
                            ? json(nullptr)
                            : json{{"now", d->second.now}, {"not_sure", d->second.not_sure}};
    q["spread"] = {{"n", q["n"]}, {"stddev", q["stddev"]}, {"disputed", q["disputed"]}};
  }
  json notes = json::array();
  for (const auto& row : team.results.questions) {
    auto it = team.notes.find(row.id);
    if (it == team.notes.end()) continue;
    notes.push_back({{"question", row.id},
                     {"title", assess::Title(labels, assess::LabelKind::kQuestion, row.id)},
                     {"notes", it->second}});
  }
  out["notes"] = std::move(notes);
  return out;
}

Result<std::shared_ptr<const http::PreparedBody>> TeamResultsBody(WebApp& app,
                                                                  const model::Community& c,
                                                                  const model::Round& round) {
  std::string key = std::to_string(round.id) + "|" + std::to_string(round.revision) + "|" + c.phase;
  if (!round.open())
    if (auto hit = app.team_json().Get(key)) return hit;
  auto results = app.team().Results(c, round);
  if (!results) return Fail(results.error());
  if (round.open())  // counts only, which change with every join: never kept
    return std::make_shared<const http::PreparedBody>(http::PreparedBody::Make(
        TeamResultsJson(app, **results).dump(), "application/json; charset=utf-8", "no-store"));
  auto body = std::make_shared<const http::PreparedBody>(http::PreparedBody::Make(
      TeamResultsJson(app, **results).dump(), "application/json; charset=utf-8", "no-store"));
  app.team_json().Put(key, body);
  return std::shared_ptr<const http::PreparedBody>(body);
}

json TrendsJson(WebApp& app, const community::Trend& trend) {
  const assess::Labels& labels = app.labels();
  const model::Round& from = trend.from;
  const model::Round& to = trend.to;
  const assess::TeamResults& a = *trend.a;
  const assess::TeamResults& b = *trend.b;
  auto round = [](const model::Round& r, const assess::TeamResults& t) {
    return json{{"id", r.id},          {"title", r.title}, {"opened_at", FormatDate(r.opened_at)},
                {"open", r.open()},    {"responses", t.responses}, {"hidden", t.hidden}};
  };
  json out{{"from", round(from, a)}, {"to", round(to, b)}, {"threshold", app.team().threshold()}};
  if (a.hidden || b.hidden) {
    out["hidden"] = true;
    return out;
  }
  out["hidden"] = false;
  auto groups = [&](const std::vector<assess::GroupScore>& x,
                    const std::vector<assess::GroupScore>& y, assess::LabelKind kind) {
    json list = json::array();
    for (const auto& c : assess::CompareGroups(x, y)) {
      list.push_back({{"id", c.id},
                      {"title", assess::Title(labels, kind, c.id)},
                      {"from", {{"now", Num(c.from_now)}, {"target", Num(c.from_target)}}},
                      {"to", {{"now", Num(c.to_now)}, {"target", Num(c.to_target)}}},
                      {"change", {{"now", Num(c.change_now)}, {"target", Num(c.change_target)}}}});
    }
    return list;
  };
  out["overall"] = groups({{"overall", a.results.overall}}, {{"overall", b.results.overall}},
                          assess::LabelKind::kPhase)[0];
  out["overall"]["title"] = app.Say(msg::kOverall);
  out["phases"] = groups(a.results.phases, b.results.phases, assess::LabelKind::kPhase);
  out["elements"] = groups(a.results.elements, b.results.elements, assess::LabelKind::kElement);
  out["principles"] =
      groups(a.results.principles, b.results.principles, assess::LabelKind::kPrinciple);
  // Statements by their stable id, with how each changed between the two rounds' question
  // sets (questions/README.md). A change only where both rounds showed the statement.
  json questions = json::array();
  const assess::Bank& bank = app.site().bank;
  for (const auto& row : b.results.questions) {
    const assess::Question* q = bank.FindQuestion(row.id);
    const assess::QuestionRow* before = assess::FindRow(a.results, row.id);
    auto score = [](const assess::QuestionRow* r) { return r && r->n > 0 ? r->score : assess::Score{}; };
    assess::Score x = score(before), y = score(&row);
    // Changed between the two rounds' question sets: after the older one, up to the newer.
    auto between = [&](const std::string& v) {
      const std::string& lo = assess::CompareVersions(from.bank_version, to.bank_version) <= 0
                                  ? from.bank_version : to.bank_version;
      const std::string& hi = &lo == &from.bank_version ? to.bank_version : from.bank_version;
      return !v.empty() && assess::CompareVersions(v, lo) > 0 && assess::CompareVersions(v, hi) <= 0;
    };
    std::string status = "same";
    if (q && between(q->added))
      status = "new";
    else if (q && between(q->reworded))
      status = "reworded";
    auto change = [](const std::optional<double>& p, const std::optional<double>& n) {
      return p && n ? std::optional<double>(*n - *p) : std::nullopt;
    };
    questions.push_back({{"id", row.id},
                         {"title", assess::Title(labels, assess::LabelKind::kQuestion, row.id)},
                         {"status", status},
                         {"since", status == "new" ? q->added : status == "reworded" ? q->reworded : ""},
                         {"from", {{"now", Num(x.now)}, {"target", Num(x.target)}}},
                         {"to", {{"now", Num(y.now)}, {"target", Num(y.target)}}},
                         {"change", {{"now", Num(status == "new" ? std::nullopt : change(x.now, y.now))},
                                     {"target", Num(status == "new" ? std::nullopt : change(x.target, y.target))}}}});
  }
  out["questions"] = std::move(questions);
  return out;
}

}  // namespace cultivate::web
