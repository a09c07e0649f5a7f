#include "web/team_json.h"

#include <cmath>
#include <set>

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
  // sets (questions/README.md): each round is scored with the bank it was started with, so a
  // statement one of them never asked is new (the later set has it) or retired (only the
  // earlier one had it), and has nothing to compare with.
  const assess::Bank& bank = app.site().bank;
  const bool forward = assess::CompareVersions(from.bank_version, to.bank_version) <= 0;
  const std::string& lo = forward ? from.bank_version : to.bank_version;
  const std::string& hi = forward ? to.bank_version : from.bank_version;
  auto between = [&](const std::string& v) {  // changed after the older set, up to the newer
    return !v.empty() && assess::CompareVersions(v, lo) > 0 && assess::CompareVersions(v, hi) <= 0;
  };
  std::vector<std::string> ids;  // the later-listed round's order, then the other's own
  std::set<std::string> seen;
  for (const auto* r : {&b.results, &a.results})
    for (const auto& row : r->questions)
      if (seen.insert(row.id).second) ids.push_back(row.id);
  json questions = json::array();
  for (const auto& id : ids) {
    const assess::Question* q = bank.FindQuestion(id);
    const assess::QuestionRow* before = assess::FindRow(a.results, id);
    const assess::QuestionRow* after = assess::FindRow(b.results, id);
    auto score = [](const assess::QuestionRow* r) { return r && r->n > 0 ? r->score : assess::Score{}; };
    assess::Score x = score(before), y = score(after);
    std::string status = "same", since;
    if (before && after) {
      if (q && between(q->added))
        status = "new", since = q->added;
      else if (q && between(q->reworded))
        status = "reworded", since = q->reworded;
    } else if (lo != hi) {
      const std::string& asked = before ? from.bank_version : to.bank_version;
      if (asked == hi)
        status = "new", since = q && between(q->added) ? q->added : hi;
      else
        status = "retired", since = hi;  // not asked in the later set
    }
    const bool compared = status == "same" || status == "reworded";
    auto change = [&](const std::optional<double>& p, const std::optional<double>& n) {
      return compared && p && n ? std::optional<double>(*n - *p) : std::nullopt;
    };
    questions.push_back({{"id", id},
                         {"title", assess::Title(labels, assess::LabelKind::kQuestion, id)},
                         {"status", status},
                         {"since", since},
                         {"from", {{"now", Num(x.now)}, {"target", Num(x.target)}}},
                         {"to", {{"now", Num(y.now)}, {"target", Num(y.target)}}},
                         {"change", {{"now", Num(change(x.now, y.now))},
                                     {"target", Num(change(x.target, y.target))}}}});
  }
  out["questions"] = std::move(questions);
  return out;
}

}  // namespace cultivate::web
