// View models of the team pages, shared by the coordinators' pages, the member's pages and
// the sponsor's view.
#include "web/team_views.h"

#include <cmath>

#include "view/charts.h"
#include "common/dates.h"
#include "common/message_keys.h"
#include "web/checkup_pages.h"
#include "web/team_json.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

json SpreadText(const json& spread, bool percent) {
  json s = spread;
  auto fmt = [&](const json& v) -> std::string {
    if (v.is_null()) return "";
    double d = v.get<double>();
    if (percent) return std::to_string(static_cast<int>(std::lround(d)));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f", d);
    return buf;
  };
  // Answers are whole points on the 0-4 scale; scores are whole percentages.
  auto whole = [](const json& v) {
    return v.is_null() ? std::string()
                       : std::to_string(static_cast<int>(std::lround(v.get<double>())));
  };
  s["min_text"] = whole(spread["min"]);
  s["max_text"] = whole(spread["max"]);
  s["stddev_text"] = fmt(spread["stddev"]);
  return s;
}

}  // namespace

std::string CommunityPath(const model::Community& c) {
  return "/communities/" + std::to_string(c.id);
}

json PhaseChoices(const Site& site, const std::string& selected) {
  json list = json::array();
  for (const auto& p : site.bank.phases)
    list.push_back({{"id", p.id}, {"title", p.title}, {"selected", p.id == selected}});
  return list;
}

std::string PhaseTitle(const Site& site, const std::string& id) {
  const auto* p = site.bank.FindPhase(id);
  return p ? p->title : "";
}

json CommunityModel(const Site& site, const model::Community& c) {
  return {{"id", c.id},         {"name", c.name},
          {"domain", c.domain}, {"purpose", c.purpose},
          {"phase", c.phase},   {"phase_title", PhaseTitle(site, c.phase)},
          {"demo", c.demo},     {"href", CommunityPath(c)}};
}

std::string RoundTitle(const Site& site, const model::Round& r) {
  return r.title.empty() ? site.messages.Text({msg::kRoundUntitled, {Arg("date", FormatDate(r.opened_at))}})
                         : r.title;
}

json RoundModel(const Site& site, const model::Community& c, const model::Round& r, int threshold) {
  return {{"id", r.id},
          {"title", RoundTitle(site, r)},
          {"opened", FormatDate(r.opened_at)},
          {"closes", r.closes_at ? FormatDate(*r.closes_at) : ""},
          {"closed", r.closed_at ? FormatDate(*r.closed_at) : ""},
          {"open", r.open()},
          {"joined", r.joined},
          {"answered", r.answered},
          {"shown", r.answered >= threshold},
          {"href", CommunityPath(c) + "/rounds/" + std::to_string(r.id)}};
}

json TeamResultsModel(WebApp& app, const assess::TeamResults& results,
                      const std::vector<model::Reflection>& reflections) {
  const Site& site = app.site();
  json r = TeamResultsJson(app, results);
  json m;
  m["hidden"] = results.hidden;
  m["responses"] = results.responses;
  m["threshold"] = results.threshold;
  m["need"] = std::max(0, results.threshold - results.responses);
  if (results.hidden) return m;
  Decorate(r["overall"]);
  r["overall_spread"] = SpreadText(r["overall_spread"], true);
  for (const char* group : {"phases", "elements", "principles"}) {
    json kept = json::array();
    for (auto& g : r[group]) {
      if (g.value("questions", 0) == 0) continue;
      Decorate(g);
      g["spread"] = SpreadText(g["spread"], true);
      kept.push_back(g);
    }
    r[group] = kept;
  }
  json questions = json::array(), disputed = json::array();
  for (auto& q : r["questions"]) {
    Decorate(q);
    q["spread"] = SpreadText(q["spread"], false);
    q["shown"] = q.value("n", 0) > 0;
    if (q.value("disputed", false)) disputed.push_back(q);
    questions.push_back(q);
  }
  r["questions"] = questions;
  m["disputed"] = disputed;
  m["has_disputed"] = !disputed.empty();
  m["phase_chart"] = Chart(r["phases"], "team-phase-table");
  m["element_chart"] = Chart(r["elements"], "team-element-table");
  m["principle_chart"] = Chart(r["principles"], "team-principle-table");
  json& p = r["placement"];
  DecoratePlacement(p);
  if (p.contains("declared_key") && p["declared_key"].is_string() &&
      !p["declared_key"].get<std::string>().empty()) {
    p["declared_" + p["declared_key"].get<std::string>()] = true;
    if (p["declared"].is_string()) p["declared_title"] = PhaseTitle(site, p["declared"]);
  }
  for (const char* list : {"improvement_areas", "strengths"}) {
    int rank = 0;
    for (auto& area : r[list]) {
      area["rank"] = ++rank;
      area["gap_text"] = Pct(area["gap"]);
      area["question_texts"] = QuestionTexts(site, area["questions"]);
    }
  }
  // Reflections, grouped by prompt, only when the round is shown.
  json refl = json::array();
  for (const auto& section : site.bank.phases)
    for (const auto& prompt : section.prompts) {
      json texts = json::array();
      for (const auto& x : reflections)
        if (x.prompt == prompt.id) texts.push_back(x.text);
      if (!texts.empty()) refl.push_back({{"prompt", prompt.text}, {"texts", texts}});
    }
  m["reflections"] = refl;
  m["has_reflections"] = !refl.empty();
  // A long list helps nobody read: show the first notes of each statement, and say how many
  // more the download holds.
  constexpr size_t kNotesShown = 20;
  for (auto& n : r["notes"]) {
    size_t total = n["notes"].size();
    if (total <= kNotesShown) continue;
    json first(n["notes"].begin(), n["notes"].begin() + kNotesShown);
    n["notes"] = first;
    n["more"] = total - kNotesShown;
  }
  m["has_notes"] = !r["notes"].empty();
  m["results"] = r;
  return m;
}

json TrendRows(const json& list) {
  json rows = json::array();
  for (const auto& g : list) {
    auto num = [](const json& v) { return v.is_null() ? std::string() : Pct(v); };
    json change = g["change"]["now"];
    std::string direction = change.is_null()              ? ""
                            : change.get<double>() > 0.5  ? "up"
                            : change.get<double>() < -0.5 ? "down"
                                                          : "same";
    std::string signed_change;
    if (!change.is_null()) {
      long v = std::lround(change.get<double>());
      signed_change = (v > 0 ? "+" : v < 0 ? "−" : "±") + std::to_string(std::labs(v));
    }
    rows.push_back({{"title", g["title"]},
                    {"from_now", num(g["from"]["now"])},
                    {"to_now", num(g["to"]["now"])},
                    {"from_target", num(g["from"]["target"])},
                    {"to_target", num(g["to"]["target"])},
                    {"change", signed_change},
                    {"up", direction == "up"},
                    {"down", direction == "down"},
                    {"same", direction == "same"},
                    {"missing", change.is_null()}});
  }
  return rows;
}

std::string TrendChart(const json& list, const std::string& id) {
  std::vector<view::Bar> bars;
  for (const auto& g : list) {
    if (g["from"]["now"].is_null() && g["to"]["now"].is_null()) continue;
    view::Bar b;
    b.label = g.value("title", "");
    if (!g["from"]["now"].is_null()) b.now = g["from"]["now"].get<double>();
    if (!g["to"]["now"].is_null()) b.target = g["to"]["now"].get<double>();
    bars.push_back(std::move(b));
  }
  return view::NowTargetSvg(bars, id);
}

json ReadOnlyPlan(const model::Plan& plan) {
  json items = json::array();
  for (const auto& i : plan.items) {
    std::string status = i.status == "doing" || i.status == "done" || i.status == "dropped"
                             ? i.status
                             : "todo";
    items.push_back({{"what", i.what}, {"owner", i.owner}, {"due", i.due}, {"status", status},
                     {"is_" + status, true}});
  }
  return {{"vision", plan.vision},
          {"goals", plan.goals},
          {"strategies", plan.strategies},
          {"items", items},
          {"has_items", !items.empty()}};
}

}  // namespace cultivate::web
