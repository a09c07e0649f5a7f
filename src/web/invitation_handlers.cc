// Invitations to co-coordinate, seen by the invited person: on their account page (accept
// or decline, each a form with the session's CSRF token) and in the JSON API.
#include "common/message_keys.h"
#include "web/access.h"
#include "web/api_support.h"
#include "web/app.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

}  // namespace

void AddInvitationRoutes(WebApp& app, http::Router& router) {
  // ---- HTML ----
  for (const char* answer : {"accept", "decline"}) {
    bool accept = std::string(answer) == "accept";
    router.Add("POST", std::string("/account/invitations/{iid}/") + answer, [&app, accept](http::Request& req) {
      auto who = CurrentUser(app, req);
      if (!who) return ToSignIn(req);
      http::Response error;
      if (!SignedForm(app, req, *who, &error)) return error;
      auto ok = accept ? app.team().AcceptInvitation(who->user, req.Param("iid"))
                       : app.team().DeclineInvitation(who->user, req.Param("iid"));
      if (!ok) return app.Fail(ok.error());
      return NoStore(http::Response::Redirect(accept ? "/communities?accepted=1" : "/account?declined=1"));
    }, {.body_limit = 4 * 1024});
  }

  // ---- JSON ----
  router.Add("GET", "/api/v1/account/invitations", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized(app);
    auto list = app.team().InvitationsFor(who->user);
    if (!list) return app.JsonFail(list.error());
    json out = json::array();
    for (const auto& i : *list)
      out.push_back({{"id", i.id},
                     {"community", {{"id", i.community_id}, {"name", i.community_name}}},
                     {"created_at", i.created_at}});
    return Json(200, {{"invitations", out}});
  });

  router.Add("POST", "/api/v1/account/invitations/{iid}/accept", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized(app);
    if (auto ok = app.team().AcceptInvitation(who->user, req.Param("iid")); !ok)
      return app.JsonFail(ok.error());
    return NoContent();
  });

  router.Add("DELETE", "/api/v1/account/invitations/{iid}", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized(app);
    if (auto ok = app.team().DeclineInvitation(who->user, req.Param("iid")); !ok)
      return app.JsonFail(ok.error());
    return NoContent();
  });
}

}  // namespace cultivate::web
