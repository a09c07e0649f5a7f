// Team check-ups in HTML for coordinators: opening, closing and reading rounds, invite and
// sponsor links, and co-coordinators. Each form handler reads the form, makes one call to
// community::Team, and shows the dashboard (or the round) again.
#include "auth/accounts.h"
#include "common/message_keys.h"
#include "web/errors.h"
#include "web/team_pages.h"
#include "web/team_views.h"

namespace cultivate::web {

namespace {

using nlohmann::json;
using Kind = cultivate::Error::Kind;

http::Response RoundPage(WebApp& app, const auth::SignedIn& who, const model::Community& c,
                         const model::Round& round, const Notice& notice = {}, int status = 200) {
  auto results = app.team().Results(c, round);
  if (!results) return app.Fail(results.error());
  std::vector<model::Reflection> reflections;
  if (!(*results)->hidden) {
    auto r = app.team().Reflections(c, round);
    if (!r) return app.Fail(r.error());
    reflections = std::move(*r);
  }
  json m = SignedModel(app, who, CommunityPath(c) + "/rounds/" + std::to_string(round.id),
                       app.Say({msg::kTitleTeamResults, {Arg("name", c.name)}}),
                       app.Say(msg::kAboutTeamResults));
  m["community"] = CommunityModel(app.site(), c);
  m["round"] = RoundModel(app.site(), c, round, app.team().threshold());
  m["team"] = TeamResultsModel(app, **results, reflections);
  m["download"] = "/api/v1/communities/" + std::to_string(c.id) + "/rounds/" +
                  std::to_string(round.id) + "/results";
  m["bank_changed"] = round.bank_version != app.site().bank.version;
  m["bank_version"] = round.bank_version;
  if (!notice.text.empty()) m["notice"] = {{"text", app.Say(notice.text)}, {"warn", notice.warn}};
  return NoStore(app.Render("team_results", m, status));
}

http::Response Back(const model::Community& c, const std::string& anchor) {
  return NoStore(http::Response::Redirect(CommunityPath(c) + anchor));
}

}  // namespace

void AddTeamRoundRoutes(WebApp& app, http::Router& router) {
  router.Add("POST", "/communities/{id}/rounds", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      auto round = app.team().OpenNewRound(c, {FieldOf(form, "title"), FieldOf(form, "closes")});
      if (!round) return DashboardError(app, who, c, req, round.error());
      return Back(c, "#invite");
    });
  }, {.body_limit = 8 * 1024});

  router.Add("GET", "/communities/{id}/rounds/{rid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      auto round = app.team().RoundIn(c, req.Param("rid"), /*counts=*/true);
      if (!round) return app.Fail(round.error());
      return RoundPage(app, who, c, *round);
    });
  });

  router.Add("POST", "/communities/{id}/rounds/{rid}/close", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields&) {
      auto closed = app.team().CloseRound(c, req.Param("rid"));
      if (!closed && closed.error().kind == Kind::kConflict) {  // already closed: say so there
        auto round = app.team().RoundIn(c, req.Param("rid"), /*counts=*/true);
        if (!round) return app.Fail(round.error());
        return RoundPage(app, who, c, *round, {TextOf(closed.error()), true}, 409);
      }
      if (!closed) return app.Fail(closed.error());
      return NoStore(http::Response::Redirect(CommunityPath(c) + "/rounds/" +
                                              std::to_string(closed->id)));
    });
  });

  router.Add("POST", "/communities/{id}/invites", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      // A number out of range or not a number is passed on as -1: the operation says why.
      auto whole = [&](const std::string& text, int fallback, int max) {
        auto parsed = community::ParseId(text);
        return text.empty() ? fallback : parsed && *parsed <= max ? static_cast<int>(*parsed) : -1;
      };
      std::string d = FieldOf(form, "days"), u = FieldOf(form, "max_uses");
      int days = whole(d, community::kDefaultInviteDays, community::kMaxInviteDays);
      int uses = whole(u, -1, community::kMaxInviteUses);  // the page always asks
      auto link = app.team().CreateInvite(c, days, uses);
      if (!link)
        return DashboardError(app, who, c, req, link.error(), {{"days", d}, {"max_uses", u}});
      return Dashboard(app, who, c, req,
                       {{"url", app.LinkUrl(req, link->path)}, {"invite", true}, {"days", days},
                        {"max_uses", uses}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/invites/{iid}/revoke", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn&, const model::Community& c,
                                           const http::Fields&) {
      if (auto ok = app.team().RevokeInvite(c, req.Param("iid")); !ok) return app.Fail(ok.error());
      return Back(c, "#invite");
    });
  });

  router.Add("POST", "/communities/{id}/sponsors", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      auto link = app.team().CreateSponsorLink(c, FieldOf(form, "label"));
      if (!link) return DashboardError(app, who, c, req, link.error());
      return Dashboard(app, who, c, req, {{"url", app.LinkUrl(req, link->path)}, {"sponsor", true}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/sponsors/{sid}/revoke", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn&, const model::Community& c,
                                           const http::Fields&) {
      if (auto ok = app.team().RevokeSponsorLink(c, req.Param("sid")); !ok)
        return app.Fail(ok.error());
      return Back(c, "#sponsors");
    });
  });

  router.Add("POST", "/communities/{id}/coordinators", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      std::string email = FieldOf(form, "email");
      auto ok = app.team().InviteCoordinator(c, email, who.user.id);
      if (!ok) return DashboardError(app, who, c, req, ok.error());
      return Dashboard(app, who, c, req, nullptr,
                       {{msg::kCoordinatorInvited, {Arg("email", auth::AccountKey(email))}}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/coordinators/{uid}/remove", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields&) {
      auto ok = app.team().RemoveCoordinator(c, req.Param("uid"));
      if (!ok && ok.error().kind == Kind::kConflict)
        return DashboardError(app, who, c, req, ok.error());
      if (!ok) return app.Fail(ok.error());
      if (req.Param("uid") == std::to_string(who.user.id))
        return NoStore(http::Response::Redirect("/communities"));
      return Back(c, "#coordinators");
    });
  });
}

}  // namespace cultivate::web
