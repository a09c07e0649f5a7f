// Team check-ups in HTML for people without an account: the member's join page and
// community plan, reached through their private links, and the sponsor's read-only view.
#include "common/message_keys.h"
#include "http/form.h"
#include "web/access.h"
#include "web/checkup_pages.h"
#include "web/team_views.h"
#include "web/value_json.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

// The browser remembers the check-up it joined through a link, in a cookie sent only to
// that link's path, so coming back to the link leads to the same check-up, not a second one.
constexpr const char* kJoinedCookie = "__Secure-cultivate-joined";

std::string JoinedCookie(const std::string& path, const std::string& token) {
  http::CookieOptions cookie;
  cookie.path = path;
  cookie.max_age = (community::kMaxInviteDays + 1) * 86400;
  return http::SetCookie(kJoinedCookie, token, cookie);
}

http::Response ToCheckup(const std::string& token, bool started) {
  return NoStore(http::Response::Redirect("/checkup/" + token + (started ? "?started=1" : "")));
}

}  // namespace

void AddTeamPublicRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/join/{token}", [&app](http::Request& req) {
    auto view = app.team().ViewInvite(req.Param("token"), req.Cookie(kJoinedCookie));
    if (!view) return app.Fail(view.error());
    json m = app.BaseModel(req.path, app.Say({msg::kTitleJoin, {Arg("name", view->community.name)}}),
                           app.Say(msg::kAboutJoin));
    m["noindex"] = true;
    m["community"] = CommunityModel(app.site(), view->community);
    m["round"] = RoundModel(app.site(), view->community, view->round, app.team().threshold());
    m["threshold"] = app.team().threshold();
    m["min_detail"] = app.team().rules().min_detail;
    m["questions"] = app.site().bank.QuestionCount();
    if (auto who = CurrentUser(app, req))
      m["as_coordinator"] = app.team().Coordinated(who->user.id, std::to_string(view->community.id)).has_value();
    if (!view->problem.empty()) m["problem"] = app.Say(view->problem);
    // Joined from this browser before: lead back to that check-up, and let someone else who
    // shares the device start their own (the browser's history holds the link anyway).
    if (!view->own.empty()) m["own"] = "/checkup/" + view->own;
    m["action"] = req.path;
    return NoStore(app.Render("join", m, view->problem.empty() || !view->own.empty() ? 200 : 410));
  });

  router.Add("POST", "/join/{token}", [&app](http::Request& req) {
    community::Joiner who;
    auto form = http::ParseForm(req.body);
    if (!(form && FieldOf(*form, "someone_else") == "1")) who.previous = req.Cookie(kJoinedCookie);
    if (auto user = CurrentUser(app, req)) who.user = user->user.id;
    auto joined = app.team().Join(req.Param("token"), who);
    if (!joined) return app.Fail(joined.error());
    http::Response r = ToCheckup(joined->token, !joined->again);
    r.Add("Set-Cookie", JoinedCookie(req.path, joined->token));
    return r;
  });

  router.Add("GET", "/checkup/{token}/community", [&app](http::Request& req) {
    auto response = app.checkups().Find(req.Param("token"));
    if (!response) return app.Fail(response.error());
    auto membership = app.checkups().MembershipOf(*response);
    if (!membership) return app.Fail(membership.error());
    if (!*membership) return app.Error(404);
    const model::Community& community = (*membership)->community;
    auto plan = app.team().SavedPlan(community);
    if (!plan) return app.Fail(plan.error());
    json m = CheckupModel(app, req, *response, req.path,
                          app.Say({msg::kTitleCommunityPlan, {Arg("name", community.name)}}),
                          "community");
    m["community"] = CommunityModel(app.site(), community);
    if (*plan) m["plan"] = ReadOnlyPlan(**plan);
    m["has_plan"] = plan->has_value();
    return NoStore(app.Render("member_plan", m));
  });

  // ---- sponsors ----
  router.Add("GET", "/sponsor/{token}", [&app](http::Request& req) {
    auto view = app.team().Sponsor(req.Param("token"));
    if (!view) return app.Fail(view.error());
    const model::Community& c = view->community;
    json m = app.BaseModel(req.path, app.Say({msg::kTitleSponsor, {Arg("name", c.name)}}),
                           app.Say(msg::kAboutSponsor));
    m["noindex"] = true;
    m["community"] = CommunityModel(app.site(), c);
    if (view->latest) {
      m["round"] = RoundModel(app.site(), c, view->latest->first, app.team().threshold());
      m["team"] = TeamResultsModel(app, *view->latest->second, view->reflections);
    }
    m["has_results"] = view->latest.has_value();
    if (view->plan) m["plan"] = ReadOnlyPlan(*view->plan);
    m["has_plan"] = view->plan.has_value();
    json decisions = json::array();
    for (const auto& d : view->decisions) decisions.push_back(d.text);
    m["decisions"] = decisions;
    m["has_decisions"] = !decisions.empty();
    auto stories = app.values().SponsorStories(c);  // only those shared with the sponsor
    if (!stories) return app.Fail(stories.error());
    m["stories"] = StoryRows(app, *stories, "", true);
    m["has_stories"] = !stories->empty();
    m["brief"] = req.path + "/brief";
    return NoStore(app.Render("sponsor", m));
  });
}

}  // namespace cultivate::web
