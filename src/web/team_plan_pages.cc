// Team check-ups in HTML for coordinators: trends between two rounds and the community plan.
#include "common/message_keys.h"
#include "web/checkup_pages.h"
#include "web/errors.h"
#include "web/team_json.h"
#include "web/team_pages.h"
#include "web/team_views.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

http::Response PlanPage(WebApp& app, const auth::SignedIn& who, const model::Community& c,
                        const model::Plan& plan, bool draft, const std::vector<FieldError>& errors,
                        int status, int empty_rows, const http::Request& req) {
  json m = SignedModel(app, who, CommunityPath(c) + "/plan",
                       app.Say({msg::kTitleCommunityPlan, {Arg("name", c.name)}}),
                       app.Say(msg::kAboutCommunityPlan));
  m["community"] = CommunityModel(app.site(), c);
  m["plan"] = PlanModel(plan, empty_rows);
  m["draft"] = draft;
  m["saved"] = req.Query("saved") == "1";
  if (!req.Query("added").empty()) m["added"] = req.Query("added");
  auto latest = app.team().LatestShown(c);
  if (latest && *latest) m["latest_round"] = RoundTitle(app.site(), (*latest)->first);
  AddPlanErrors(app, m, errors);
  return NoStore(app.Render("team_plan", m, status));
}

// The trends page's model for two rounds (`from_id`, `to_id`; the newest two when empty).
Result<json> TrendsModel(WebApp& app, const model::Community& c, std::string from_id,
                         std::string to_id, json m) {
  auto overview = app.team().OverviewOf(c);
  if (!overview) return Fail(overview.error());
  const auto& rounds = overview->rounds;  // newest first
  // Ids given must be this community's rounds, however many it has.
  for (const std::string* given : {&from_id, &to_id})
    if (!given->empty())
      if (auto r = app.team().RoundIn(c, *given); !r) return Fail(r.error());
  // By default the newest two closed rounds (an open one shows nothing to compare yet).
  std::vector<const model::Round*> closed;
  for (const auto& r : rounds)
    if (!r.open()) closed.push_back(&r);
  const model::Round* newest = closed.size() >= 2 ? closed[0] : rounds.empty() ? nullptr : &rounds[0];
  const model::Round* before = closed.size() >= 2 ? closed[1] : rounds.size() >= 2 ? &rounds[1] : nullptr;
  if (from_id.empty() && before) from_id = std::to_string(before->id);
  if (to_id.empty() && newest) to_id = std::to_string(newest->id);
  json choices_from = json::array(), choices_to = json::array();
  for (const auto& r : rounds) {
    std::string id = std::to_string(r.id);
    choices_from.push_back({{"id", r.id}, {"title", RoundTitle(app.site(), r)}, {"selected", id == from_id}});
    choices_to.push_back({{"id", r.id}, {"title", RoundTitle(app.site(), r)}, {"selected", id == to_id}});
  }
  m["from_choices"] = choices_from;
  m["to_choices"] = choices_to;
  m["enough_rounds"] = rounds.size() >= 2;
  if (rounds.size() < 2) return m;
  auto trend = app.team().Trends(c, from_id, to_id);
  if (!trend) return Fail(trend.error());
  json t = TrendsJson(app, *trend);
  m["from"] = {{"title", RoundTitle(app.site(), trend->from)}, {"responses", trend->a->responses}};
  m["to"] = {{"title", RoundTitle(app.site(), trend->to)}, {"responses", trend->b->responses}};
  m["same_round"] = trend->from.id == trend->to.id;
  m["hidden"] = t["hidden"];
  m["threshold"] = app.team().threshold();
  if (!t["hidden"].get<bool>()) {
    json overall = json::array({t["overall"]});
    m["overall"] = TrendRows(overall)[0];
    m["phase_rows"] = TrendRows(t["phases"]);
    m["element_rows"] = TrendRows(t["elements"]);
    m["principle_rows"] = TrendRows(t["principles"]);
    json rows = TrendRows(t["questions"]);
    for (size_t i = 0; i < rows.size(); ++i) {
      const json& q = t["questions"][i];
      rows[i]["is_new"] = q["status"] == "new";
      rows[i]["is_reworded"] = q["status"] == "reworded";
      rows[i]["is_retired"] = q["status"] == "retired";
      rows[i]["since"] = q["since"];
    }
    m["question_rows"] = rows;
    m["phase_chart"] = TrendChart(t["phases"], "trend-phase-table");
    m["element_chart"] = TrendChart(t["elements"], "trend-element-table");
    m["principle_chart"] = TrendChart(t["principles"], "trend-principle-table");
  }
  return m;
}

}  // namespace

void AddTeamPlanRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/communities/{id}/trends", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      json m = SignedModel(app, who, CommunityPath(c) + "/trends",
                           app.Say({msg::kTitleTrends, {Arg("name", c.name)}}),
                           app.Say(msg::kAboutTrends));
      m["community"] = CommunityModel(app.site(), c);
      auto model = TrendsModel(app, c, req.Query("from"), req.Query("to"), std::move(m));
      if (!model) return app.Fail(model.error());
      return NoStore(app.Render("team_trends", *model));
    });
  });

  router.Add("GET", "/communities/{id}/plan", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      auto plan = app.team().Plan(c);
      if (!plan) return app.Fail(plan.error());
      return PlanPage(app, who, c, plan->plan, plan->draft, {}, 200,
                      plan->plan.items.empty() ? 3 : 1, req);
    });
  });

  router.Add("POST", "/communities/{id}/plan", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      model::Plan plan = ReadPlanForm(form);
      std::string go = FieldOf(form, "go");
      int added = 0;
      if (go == "suggest") {
        auto suggested = app.team().WithSuggestions(c, std::move(plan));
        if (!suggested) return app.Fail(suggested.error());
        plan = std::move(suggested->plan);
        added = suggested->added;
      }
      auto saved = app.team().SavePlan(c, plan);
      if (!saved && saved.error().kind == cultivate::Error::Kind::kInvalid)
        return PlanPage(app, who, c, plan, false, saved.error().details, 422, 0, req);
      if (!saved) return app.Fail(saved.error());
      std::string to = CommunityPath(c) + "/plan?saved=1";
      if (go == "suggest") to += "&added=" + std::to_string(added);
      if (go == "add") to += "&add=1#actions-title";
      return NoStore(http::Response::Redirect(to));
    });
  }, {.body_limit = 512 * 1024});
}

}  // namespace cultivate::web
