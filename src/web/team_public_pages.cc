// Team check-ups in HTML for people without an account: the member's join page and
// community plan, reached through their private links, and the sponsor's read-only view.
#include "web/access.h"
#include "web/checkup_pages.h"
#include "web/team_views.h"

namespace cultivate::web {

using nlohmann::json;

void AddTeamPublicRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/join/{token}", [&app](http::Request& req) {
    TeamService team = app.Team();
    auto view = team.ViewInvite(req.Param("token"));
    if (!view) {
      if (view.error().kind == Error::Kind::kNotFound)
        return app.Error(404,
                         "This invite link is not known. Check that the whole link was copied.");
      return PageStoreError(app, view.error());
    }
    json m = app.BaseModel(req.path, "Join the check-up: " + view->community.name,
                           "Your community's check-up.");
    m["noindex"] = true;
    m["community"] = CommunityModel(app.site(), view->community);
    m["round"] = RoundModel(view->community, view->round, team.threshold());
    m["threshold"] = team.threshold();
    m["questions"] = app.site().bank.QuestionCount();
    if (!view->problem.empty()) m["problem"] = view->problem;
    m["action"] = req.path;
    return NoStore(app.Render("join", m, view->problem.empty() ? 200 : 410));
  });

  router.Add("POST", "/join/{token}", [&app](http::Request& req) {
    TeamService team = app.Team();
    auto token = team.Join(req.Param("token"));
    if (!token) {
      if (token.error().kind == Error::Kind::kNotFound) return app.Error(404);
      if (token.error().kind == Error::Kind::kConflict)
        return app.Error(410, token.error().message);
      return PageStoreError(app, token.error());
    }
    return NoStore(http::Response::Redirect("/checkup/" + *token + "?started=1"));
  });

  router.Add("GET", "/checkup/{token}/community", [&app](http::Request& req) {
    CheckupService checkups(app.site(), app.store());
    auto response = checkups.Find(req.Param("token"));
    if (!response) return CheckupNotFound(app, response.error());
    if (!response->round_id) return app.Error(404);
    auto round = app.store().FindRoundQuick(*response->round_id);
    if (!round) return PageStoreError(app, round.error());
    auto community = app.store().FindCommunity(round->community_id);
    if (!community) return PageStoreError(app, community.error());
    auto plan = app.store().CommunityPlan(community->id);
    if (!plan) return PageStoreError(app, plan.error());
    json m = CheckupModel(app, req, *response, req.path, "Community plan: " + community->name,
                          "community");
    m["community"] = CommunityModel(app.site(), *community);
    if (*plan) m["plan"] = ReadOnlyPlan(**plan);
    m["has_plan"] = plan->has_value();
    return NoStore(app.Render("member_plan", m));
  });

  // ---- sponsors ----
  router.Add("GET", "/sponsor/{token}", [&app](http::Request& req) {
    TeamService team = app.Team();
    auto c = team.SponsorCommunity(req.Param("token"));
    if (!c) {
      if (c.error().kind == Error::Kind::kNotFound)
        return app.Error(404, "This link is not known or was withdrawn by the coordinators.");
      return PageStoreError(app, c.error());
    }
    auto latest = team.LatestShownResults(*c);
    if (!latest) return PageStoreError(app, latest.error());
    auto plan = app.store().CommunityPlan(c->id);
    if (!plan) return PageStoreError(app, plan.error());
    json m = app.BaseModel(req.path, "Sponsor view: " + c->name,
                           "Read-only results and plan of a community of practice.");
    m["noindex"] = true;
    m["community"] = CommunityModel(app.site(), *c);
    if (*latest) {
      m["round"] = RoundModel(*c, (*latest)->first, team.threshold());
      auto reflections = app.store().RoundReflections((*latest)->first.id);
      m["team"] = TeamResultsModel(app, team, *(*latest)->second,
                                   reflections ? *reflections : std::vector<store::Reflection>{});
    }
    m["has_results"] = latest->has_value();
    if (*plan) m["plan"] = ReadOnlyPlan(**plan);
    m["has_plan"] = plan->has_value();
    return NoStore(app.Render("sponsor", m));
  });
}

}  // namespace cultivate::web
