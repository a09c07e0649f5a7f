// Team check-ups in HTML for coordinators: their communities, the dashboard of each, and
// editing or deleting one. Rounds, links and coordinators are in team_round_pages.cc, trends
// and the plan in team_plan_pages.cc, members' and sponsors' pages in team_public_pages.cc.
// Every page under /communities/{id} is 404 unless the signed-in user coordinates {id}; every
// form carries the session's CSRF token.
#include "common/dates.h"
#include "common/message_keys.h"
#include "http/form.h"
#include "web/errors.h"
#include "web/team_pages.h"
#include "web/team_views.h"

namespace cultivate::web {

using nlohmann::json;

http::Response Dashboard(WebApp& app, const auth::SignedIn& who, const model::Community& c,
                         const http::Request& req, const json& new_link, const Notice& notice,
                         int status, const json& entered) {
  community::Team& team = app.team();
  const Site& site = app.site();
  json m = SignedModel(app, who, CommunityPath(c), c.name, app.Say(msg::kAboutDashboard));
  m["community"] = CommunityModel(site, c);
  m["threshold"] = team.threshold();
  auto overview = team.OverviewOf(c);
  if (!overview) return app.Fail(overview.error());
  const auto* rounds = &overview->rounds;
  const auto* coordinators = &overview->coordinators;
  const auto* invites = &overview->invites;
  const auto* links = &overview->links;
  json rs = json::array();
  for (const auto& r : *rounds) {
    json item = RoundModel(app.site(), c, r, team.threshold());
    if (r.open()) m["open_round"] = item;
    rs.push_back(std::move(item));
  }
  m["rounds"] = rs;
  m["has_rounds"] = !rs.empty();
  auto calendar = app.meeting().CalendarLinkSince(c);
  if (!calendar) return app.Fail(calendar.error());
  if (*calendar) m["calendar_since"] = FormatDate(**calendar);
  m["has_two_rounds"] = rs.size() >= 2;
  if (rs.size() >= 2) {
    m["trend_from"] = rs[1]["id"];
    m["trend_to"] = rs[0]["id"];
  }
  json people = json::array();
  for (const auto& u : *coordinators)
    people.push_back({{"id", u.id},
                      {"name", u.name},
                      {"email", u.email},
                      {"is_you", u.id == who.user.id},
                      {"can_remove", coordinators->size() > 1}});
  m["coordinators"] = people;
  json invited = json::array();
  for (const auto& i : overview->invited)
    invited.push_back({{"email", i.email}, {"since", FormatDate(i.created_at)}});
  m["invited"] = invited;
  m["has_invited"] = !invited.empty();
  std::int64_t now = team.now();
  json inv = json::array();
  for (const auto& i : *invites) {
    bool round_open = false;
    for (const auto& r : *rounds)
      if (r.id == i.round_id) round_open = r.open();
    bool active = !i.revoked_at && i.expires_at > now && round_open;
    std::string state = app.Say(i.revoked_at         ? msg::kInviteStateWithdrawn
                                : i.expires_at <= now ? msg::kInviteStateExpired
                                : !round_open         ? msg::kInviteStateRoundClosed
                                : i.full()            ? msg::kInviteStateFull
                                                      : msg::kInviteStateActive);
    inv.push_back({{"id", i.id},
                   {"created", FormatDate(i.created_at)},
                   {"expires", FormatDate(i.expires_at)},
                   {"uses", i.uses},
                   {"max_uses", i.max_uses},
                   {"full", i.full()},
                   {"state", state},
                   {"active", active}});
  }
  m["invites"] = inv;
  m["has_invites"] = !inv.empty();
  json sp = json::array();
  for (const auto& l : *links)
    sp.push_back({{"id", l.id},
                  {"label", l.label.empty() ? app.Say(msg::kSponsorLinkDefaultLabel) : l.label},
                  {"created", FormatDate(l.created_at)},
                  {"active", !l.revoked_at}});
  m["sponsors"] = sp;
  m["has_sponsors"] = !sp.empty();
  if (!new_link.is_null()) m["new_link"] = new_link;
  if (!notice.text.empty()) m["notice"] = {{"text", app.Say(notice.text)}, {"warn", notice.warn}};
  m["saved"] = req.Query("saved") == "1";
  m["days"] = std::to_string(community::kDefaultInviteDays);
  m["max_uses"] = "";
  m["max_invite_uses"] = community::kMaxInviteUses;
  if (entered.is_object())
    for (const auto& [k, v] : entered.items()) m[k] = v;
  return NoStore(app.Render("community", m, status));
}

http::Response DashboardError(WebApp& app, const auth::SignedIn& who, const model::Community& c,
                              const http::Request& req, const cultivate::Error& error,
                              const json& entered) {
  LogError(error);
  Message text = error.details.empty() ? TextOf(error) : error.details.front().text;
  return Dashboard(app, who, c, req, nullptr, {text, true}, StatusOf(error), entered);
}

namespace {

http::Response CommunityForm(WebApp& app, const auth::SignedIn& who, const std::string& path,
                             const std::string& title, const community::CommunityInput& in,
                             const std::vector<FieldError>& errors, const json& community,
                             int status, const std::string& tmpl) {
  json m = SignedModel(app, who, path, title, app.Say(msg::kAboutCommunityForm));
  m["form"] = {{"name", in.name}, {"domain", in.domain}, {"purpose", in.purpose}};
  m["phases"] = PhaseChoices(app.site(), in.phase);
  m["phase_unsure"] = in.phase.empty();
  json list = json::array();
  for (const auto& e : errors) {
    std::string message = app.Say(e.text);
    list.push_back({{"field", e.field}, {"message", message}});
    m["form"]["error_" + e.field] = message;
  }
  m["errors"] = list;
  m["has_errors"] = !list.empty();
  if (!community.is_null()) m["community"] = community;
  return NoStore(app.Render(tmpl, m, status));
}

community::CommunityInput ReadCommunityForm(const http::Fields& form) {
  community::CommunityInput in{FieldOf(form, "name"), FieldOf(form, "domain"), FieldOf(form, "purpose"),
                    FieldOf(form, "phase")};
  if (in.phase == "unsure") in.phase.clear();
  return in;
}

}  // namespace

void AddTeamPageRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/communities", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) {  // what team check-ups are, with the ways in
      json m = app.BaseModel("/communities", app.Say(msg::kTitleTeamsIntro), app.Say(msg::kAboutTeamsIntro));
      m["threshold"] = app.team().threshold();
      return NoStore(app.Render("teams_intro", m));
    }
    auto list = app.team().CommunitiesOf(who->user.id);
    if (!list) return app.Fail(list.error());
    json m = SignedModel(app, *who, "/communities", app.Say(msg::kTitleCommunities),
                         app.Say(msg::kAboutCommunities));
    json cs = json::array();
    for (const auto& c : *list) {
      json item = CommunityModel(app.site(), c);
      auto rounds = app.team().RoundsOf(c);
      if (!rounds) return app.Fail(rounds.error());
      if (!rounds->empty()) {
        item["latest"] = RoundTitle(app.site(), rounds->front());
        item["latest_open"] = rounds->front().open();
        item["latest_answered"] = rounds->front().answered;
      }
      cs.push_back(std::move(item));
    }
    m["communities"] = cs;
    m["has_communities"] = !cs.empty();
    if (req.Query("accepted") == "1") m["notice"] = app.Say(msg::kInvitationAccepted);
    m["form"] = json::object();
    m["phases"] = PhaseChoices(app.site(), "");
    m["phase_unsure"] = true;
    return NoStore(app.Render("communities", m));
  });

  router.Add("POST", "/communities", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    http::Response error;
    auto form = SignedForm(app, req, *who, &error);
    if (!form) return error;
    community::CommunityInput in = ReadCommunityForm(*form);
    auto c = app.team().Create(who->user.id, in);
    if (!c && c.error().kind == cultivate::Error::Kind::kInvalid)
      return CommunityForm(app, *who, "/communities/new", app.Say(msg::kTitleNewCommunity), in,
                           c.error().details, nullptr, 422, "community_new");
    if (!c) return app.Fail(c.error());
    return NoStore(http::Response::Redirect(CommunityPath(*c)));
  }, {.body_limit = 32 * 1024});

  router.Add("GET", "/communities/new", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    return CommunityForm(app, *who, "/communities/new", app.Say(msg::kTitleNewCommunity), {}, {},
                         nullptr, 200, "community_new");
  });

  router.Add("GET", "/communities/{id}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      return Dashboard(app, who, c, req);
    });
  });

  router.Add("GET", "/communities/{id}/edit", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      return CommunityForm(app, who, CommunityPath(c) + "/edit",
                           app.Say({msg::kTitleEditCommunity, {Arg("name", c.name)}}),
                           {c.name, c.domain, c.purpose, c.phase}, {},
                           CommunityModel(app.site(), c), 200, "community_edit");
    });
  });

  router.Add("POST", "/communities/{id}/edit", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      community::CommunityInput in = ReadCommunityForm(form);
      auto updated = app.team().Update(c, in);
      if (!updated && updated.error().kind == cultivate::Error::Kind::kInvalid)
        return CommunityForm(app, who, CommunityPath(c) + "/edit",
                             app.Say({msg::kTitleEditCommunity, {Arg("name", c.name)}}), in,
                             updated.error().details, CommunityModel(app.site(), c), 422,
                             "community_edit");
      if (!updated) return app.Fail(updated.error());
      return NoStore(http::Response::Redirect(CommunityPath(c) + "?saved=1"));
    });
  }, {.body_limit = 32 * 1024});

  router.Add("POST", "/communities/{id}/delete", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](const auth::SignedIn& who, const model::Community& c,
                                           const http::Fields& form) {
      if (FieldOf(form, "confirm") != "yes")
        return CommunityForm(app, who, CommunityPath(c) + "/edit",
                             app.Say({msg::kTitleEditCommunity, {Arg("name", c.name)}}),
                             {c.name, c.domain, c.purpose, c.phase},
                             {{"", "confirm", msg::kDeleteConfirmMissing}},
                             CommunityModel(app.site(), c), 422, "community_edit");
      if (auto ok = app.team().Delete(c, who.user.id, req.remote); !ok) return app.Fail(ok.error());
      return NoStore(http::Response::Redirect("/communities"));
    });
  });

  AddTeamRoundRoutes(app, router);
  AddTeamPlanRoutes(app, router);
}

}  // namespace cultivate::web
