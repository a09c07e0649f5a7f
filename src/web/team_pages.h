#pragma once
/// Shared pieces of the coordinators' team pages (team_pages.cc, team_round_pages.cc,
/// team_plan_pages.cc): who may see a community's pages, and its dashboard.

#include <string>

#include <nlohmann/json.hpp>

#include "community/team.h"
#include "web/access.h"
#include "web/app.h"

namespace cultivate::web {

/// A sentence shown at the top of the dashboard after an action.
struct Notice {
  Message text;
  bool warn = false;
};

/// Runs `f` for a signed-in coordinator of the community in the path: not signed in, the
/// sign-in page; not a coordinator (or no such community), 404.
template <typename F>
http::Response WithCommunity(WebApp& app, const http::Request& req, F&& f) {
  auto who = CurrentUser(app, req);
  if (!who) return ToSignIn(req);
  auto community = app.team().Coordinated(who->user.id, req.Param("id"));
  if (!community) return app.Fail(community.error());
  return f(*who, *community);
}

/// Same, for a form POST: also parses the body and checks its CSRF token.
template <typename F>
http::Response WithCommunityForm(WebApp& app, const http::Request& req, F&& f) {
  return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
    http::Response error;
    auto form = SignedForm(app, req, who, &error);
    if (!form) return error;
    return f(who, c, *form);
  });
}

/// The community's dashboard. `new_link` shows a just-made invite or sponsor link once;
/// `entered` holds what was typed into a form that failed ("days", "max_uses"), shown again.
http::Response Dashboard(WebApp& app, const auth::SignedIn& who, const model::Community& c,
                         const http::Request& req, const nlohmann::json& new_link = nullptr,
                         const Notice& notice = {}, int status = 200,
                         const nlohmann::json& entered = nullptr);
/// The dashboard again with a warning: the operation's error, with its status.
http::Response DashboardError(WebApp& app, const auth::SignedIn& who, const model::Community& c,
                              const http::Request& req, const cultivate::Error& error,
                              const nlohmann::json& entered = nullptr);

void AddTeamRoundRoutes(WebApp& app, http::Router& router);
void AddTeamPlanRoutes(WebApp& app, http::Router& router);

}  // namespace cultivate::web
