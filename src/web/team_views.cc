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

// Scores and standard deviations are whole numbers on the page; there is never a minimum or
// a maximum to show (assess/team.h).
json SpreadText(const json& spread) {
  json s = spread;
  s["stddev_text"] = spread["stddev"].is_null()
                         ? std::string()
                         : std::to_string(static_cast<int>(std::lround(spread["stddev"].get<double>())));
  return s;
}

// A statement's answers, point by point, for the table and its diverging bar.
json DistributionModel(const Site& site, const json& distribution) {
  if (!distribution.is_object()) return nullptr;
  json points = json::array();
  std::vector<int> counts;
  for (size_t i = 0; i < distribution["now"].size() && i < site.bank.scale.size(); ++i) {
    int n = distribution["now"][i].get<int>();
    counts.push_back(n);
    points.push_back({{"value", site.bank.scale[i].value}, {"label", site.bank.scale[i].label}, {"n", n}});
  }
  return {{"points", points},
          {"not_sure", distribution["not_sure"]},
          {"bar", view::DistributionSvg(counts)}};
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
          {"coordinator_answered", r.coordinator_answered},
          {"has_coordinator_answered", r.coordinator_answered > 0},
          {"invited", r.invited},
          {"shown", r.answered >= threshold},
          {"href", CommunityPath(c) + "/rounds/" + std::to_string(r.id)}};
}

json TeamResultsModel(WebApp& app, const assess::TeamResults& results,
                      const std::vector<model::Reflection>& reflections) {
  const Site& site = app.site();
  json r = TeamResultsJson(app, results);
  json m;
  m["open"] = results.open;
  m["closed_hidden"] = results.hidden && !results.open;
  m["hidden"] = results.hidden;
  m["joined"] = results.joined;
  m["responses"] = results.responses;
  m["coordinators"] = results.coordinators;
  m["has_coordinators"] = results.coordinators > 0;
  m["one_coordinator"] = results.coordinators == 1;
  m["many_coordinators"] = results.coordinators > 1;
  m["threshold"] = results.threshold;
  m["min_detail"] = results.min_detail;
  m["detailed"] = results.detailed;
  m["need"] = std::max(0, results.threshold - results.responses);
  m["scale"] = json::array();
  for (const auto& p : site.bank.scale) m["scale"].push_back({{"value", p.value}, {"label", p.label}});
  m["not_sure_label"] = site.bank.not_sure;
  if (results.hidden) return m;
  Decorate(r["overall"]);
  r["overall_spread"] = SpreadText(r["overall_spread"]);
  for (const char* group : {"phases", "elements", "principles", "cycles"}) {
    json kept = json::array();
    for (auto& g : r[group]) {
      if (g.value("questions", 0) == 0) continue;
      Decorate(g);
      g["spread"] = SpreadText(g["spread"]);
      kept.push_back(g);
    }
    r[group] = kept;
  }
  json questions = json::array(), disputed = json::array();
  for (auto& q : r["questions"]) {
    Decorate(q);
    q["spread"] = SpreadText(q["spread"]);
    q["shown"] = q.value("n", 0) > 0;
    q["distribution"] = DistributionModel(site, q["distribution"]);
    if (q.value("disputed", false)) {
      q["in_summary"] = disputed.size() < 3;  // the summary names the first three, in bank order
      disputed.push_back(q);
    }
    questions.push_back(q);
  }
  r["questions"] = questions;
  m["disputed"] = disputed;
  json detailed = json::array();  // statements with their distribution, in bank order
  for (const auto& q : questions)
    if (q["distribution"].is_object()) detailed.push_back(q);
  m["distributions"] = detailed;
  m["has_distributions"] = !detailed.empty();
  m["has_disputed"] = !disputed.empty();
  m["more_disputed"] = disputed.size() > 3 ? disputed.size() - 3 : 0;
  m["phase_chart"] = Chart(r["phases"], "team-phase-table");
  m["element_chart"] = Chart(r["elements"], "team-element-table");
  m["principle_chart"] = Chart(r["principles"], "team-principle-table");
  m["cycle_chart"] = Chart(r["cycles"], "team-cycle-table");
  m["has_cycles"] = !r["cycles"].empty();
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
      area["top"] = rank <= 3;  // the summary at the top of the page names the first three
      area["gap_text"] = Pct(area["gap"]);
      area["question_texts"] = QuestionTexts(site, area["questions"]);
    }
  }
  // Reflections, grouped by prompt, only when the round is shown.
  json refl = json::array();
  for (const auto& section : site.bank.ForVersion(results.results.bank_version).phases)
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
  r["has_hidden_questions"] = r.value("hidden_questions", 0) > 0;
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
