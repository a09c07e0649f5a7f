// Team check-ups in HTML for coordinators: communities, rounds, invites, team results,
// trends and the plan. Every page under /communities/{id} is 404 unless the signed-in user
// coordinates {id}; nested ids must belong to that community. Every form carries the
// session's CSRF token. Members' and sponsors' pages are in team_public_pages.cc.
#include "http/form.h"
#include "web/access.h"
#include "web/checkup_pages.h"
#include "web/team_views.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

// sign-in page; not a coordinator (or no such community): 404.
template <typename F>
http::Response WithCommunity(WebApp& app, const http::Request& req, F&& f) {
  auto who = CurrentUser(app, req);
  if (!who) return ToSignIn(req);
  TeamService team = app.Team();
  auto community = team.Coordinated(who->user.id, req.Param("id"));
  if (!community) return PageStoreError(app, community.error());
  return f(team, *who, *community);
}

// Same, for a form POST: also parses the body and checks its CSRF token.
template <typename F>
http::Response WithCommunityForm(WebApp& app, const http::Request& req, F&& f) {
  return WithCommunity(app, req,
                       [&](TeamService& team, const SignedIn& who, const store::Community& c) {
                         http::Response error;
                         auto form = SignedForm(app, req, who, &error);
                         if (!form) return error;
                         return f(team, who, c, *form);
                       });
}

struct Notice {
  std::string text;
  bool warn = false;
};

// The community's dashboard. `new_link` shows a just-made invite or sponsor link once.
http::Response Dashboard(WebApp& app, TeamService& team, const SignedIn& who,
                         const store::Community& c, const http::Request& req,
                         const json& new_link = nullptr, const Notice& notice = {},
                         int status = 200) {
  const Site& site = app.site();
  json m = SignedModel(app, who, CommunityPath(c), c.name, "Your community's check-up rounds.");
  m["community"] = CommunityModel(site, c);
  m["threshold"] = team.threshold();
  auto rounds = app.store().Rounds(c.id);
  auto coordinators = app.store().Coordinators(c.id);
  auto invites = app.store().Invites(c.id);
  auto links = app.store().SponsorLinks(c.id);
  if (!rounds || !coordinators || !invites || !links) return app.Error(503);
  json rs = json::array();
  for (const auto& r : *rounds) {
    json item = RoundModel(c, r, team.threshold());
    if (r.open()) m["open_round"] = item;
    rs.push_back(std::move(item));
  }
  m["rounds"] = rs;
  m["has_rounds"] = !rs.empty();
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
  std::int64_t now = team.now();
  json inv = json::array();
  for (const auto& i : *invites) {
    std::string state = i.revoked_at ? "Withdrawn" : i.expires_at <= now ? "Expired" : "Active";
    bool round_open = false;
    for (const auto& r : *rounds)
      if (r.id == i.round_id) round_open = r.open();
    if (!round_open && state == "Active") state = "Round closed";
    inv.push_back({{"id", i.id},
                   {"created", FormatDate(i.created_at)},
                   {"expires", FormatDate(i.expires_at)},
                   {"uses", i.uses},
                   {"state", state},
                   {"active", state == "Active"}});
  }
  m["invites"] = inv;
  m["has_invites"] = !inv.empty();
  json sp = json::array();
  for (const auto& l : *links)
    sp.push_back({{"id", l.id},
                  {"label", l.label.empty() ? "Sponsor link" : l.label},
                  {"created", FormatDate(l.created_at)},
                  {"active", !l.revoked_at}});
  m["sponsors"] = sp;
  m["has_sponsors"] = !sp.empty();
  if (!new_link.is_null()) m["new_link"] = new_link;
  if (!notice.text.empty()) m["notice"] = {{"text", notice.text}, {"warn", notice.warn}};
  m["saved"] = req.Query("saved") == "1";
  m["days"] = kDefaultInviteDays;
  return NoStore(app.Render("community", m, status));
}

http::Response CommunityForm(WebApp& app, const SignedIn& who, const std::string& path,
                             const std::string& title, const CommunityInput& in,
                             const std::vector<std::pair<std::string, std::string>>& errors,
                             const json& community, int status, const std::string& tmpl) {
  json m = SignedModel(app, who, path, title, "A community of practice and its details.");
  m["form"] = {{"name", in.name}, {"domain", in.domain}, {"purpose", in.purpose}};
  m["phases"] = PhaseChoices(app.site(), in.phase);
  m["phase_unsure"] = in.phase.empty();
  json list = json::array();
  for (const auto& [field, message] : errors) {
    list.push_back({{"field", field}, {"message", message}});
    m["form"]["error_" + field] = message;
  }
  m["errors"] = list;
  m["has_errors"] = !list.empty();
  if (!community.is_null()) m["community"] = community;
  return NoStore(app.Render(tmpl, m, status));
}

CommunityInput ReadCommunityForm(const http::Fields& form) {
  CommunityInput in{FieldOf(form, "name"), FieldOf(form, "domain"), FieldOf(form, "purpose"),
                    FieldOf(form, "phase")};
  if (in.phase == "unsure") in.phase.clear();
  return in;
}

http::Response RoundPage(WebApp& app, TeamService& team, const SignedIn& who,
                         const store::Community& c, const store::Round& round) {
  auto results = team.Results(c, round);
  if (!results) return PageStoreError(app, results.error());
  std::vector<store::Reflection> reflections;
  if (!(*results)->hidden) {
    auto r = app.store().RoundReflections(round.id);
    if (!r) return PageStoreError(app, r.error());
    reflections = std::move(*r);
  }
  json m = SignedModel(app, who, CommunityPath(c) + "/rounds/" + std::to_string(round.id),
                       "Team results: " + c.name, "Team results of a check-up round.");
  m["community"] = CommunityModel(app.site(), c);
  m["round"] = RoundModel(c, round, team.threshold());
  m["team"] = TeamResultsModel(app, team, **results, reflections);
  m["download"] = "/api/v1/communities/" + std::to_string(c.id) + "/rounds/" +
                  std::to_string(round.id) + "/results";
  m["bank_changed"] = round.bank_version != app.site().bank.version;
  m["bank_version"] = round.bank_version;
  return NoStore(app.Render("team_results", m));
}

// ---- the community plan ----

http::Response PlanPage(WebApp& app, TeamService& team, const SignedIn& who,
                        const store::Community& c, const store::Plan& plan, bool draft,
                        const std::vector<FieldError>& errors, int status, int empty_rows,
                        const http::Request& req) {
  json m = SignedModel(app, who, CommunityPath(c) + "/plan", "Community plan: " + c.name,
                       "The community's shared strategy plan.");
  m["community"] = CommunityModel(app.site(), c);
  m["plan"] = PlanModel(plan, empty_rows);
  m["draft"] = draft;
  m["saved"] = req.Query("saved") == "1";
  if (!req.Query("added").empty()) m["added"] = req.Query("added");
  auto latest = team.LatestShownResults(c);
  if (latest && *latest) m["latest_round"] = RoundTitle((*latest)->first);
  AddPlanErrors(m, errors);
  return NoStore(app.Render("team_plan", m, status));
}

}  // namespace

void AddTeamPageRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/communities", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) {  // what team check-ups are, with the ways in
      json m = app.BaseModel("/communities", "Team check-ups for your community",
                             "Run the check-up with your whole community of practice: private "
                             "answers, team results, trends and a shared plan.");
      m["threshold"] = app.Team().threshold();
      return NoStore(app.Render("teams_intro", m));
    }
    auto list = app.store().UserCommunities(who->user.id);
    if (!list) return PageStoreError(app, list.error());
    json m = SignedModel(app, *who, "/communities", "Your communities",
                         "The communities of practice you coordinate.");
    json cs = json::array();
    for (const auto& c : *list) {
      json item = CommunityModel(app.site(), c);
      auto rounds = app.store().Rounds(c.id);
      if (rounds && !rounds->empty()) {
        item["latest"] = RoundTitle(rounds->front());
        item["latest_open"] = rounds->front().open();
        item["latest_answered"] = rounds->front().answered;
      }
      cs.push_back(std::move(item));
    }
    m["communities"] = cs;
    m["has_communities"] = !cs.empty();
    m["form"] = json::object();
    m["phases"] = PhaseChoices(app.site(), "");
    m["phase_unsure"] = true;
    return NoStore(app.Render("communities", m));
  });

  router.Add("POST", "/communities",
             [&app](http::Request& req) {
               auto who = CurrentUser(app, req);
               if (!who) return ToSignIn(req);
               http::Response error;
               auto form = SignedForm(app, req, *who, &error);
               if (!form) return error;
               TeamService team = app.Team();
               CommunityInput in = ReadCommunityForm(*form);
               auto errors = team.Check(in);
               if (!errors.empty())
                 return CommunityForm(app, *who, "/communities/new", "New community", in, errors,
                                      nullptr, 422, "community_new");
               auto id = app.store().CreateCommunity(
                   {.name = in.name, .domain = in.domain, .purpose = in.purpose, .phase = in.phase},
                   who->user.id);
               if (!id) return PageStoreError(app, id.error());
               return NoStore(http::Response::Redirect("/communities/" + std::to_string(*id)));
             },
             {.body_limit = 32 * 1024});

  router.Add("GET", "/communities/new", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    return CommunityForm(app, *who, "/communities/new", "New community", {}, {}, nullptr, 200,
                         "community_new");
  });

  router.Add("GET", "/communities/{id}", [&app](http::Request& req) {
    return WithCommunity(app, req,
                         [&](TeamService& team, const SignedIn& who, const store::Community& c) {
                           return Dashboard(app, team, who, c, req);
                         });
  });

  router.Add("GET", "/communities/{id}/edit", [&app](http::Request& req) {
    return WithCommunity(
        app, req, [&](TeamService&, const SignedIn& who, const store::Community& c) {
          return CommunityForm(app, who, CommunityPath(c) + "/edit", "Edit " + c.name,
                               {c.name, c.domain, c.purpose, c.phase}, {},
                               CommunityModel(app.site(), c), 200, "community_edit");
        });
  });

  router.Add("POST", "/communities/{id}/edit",
             [&app](http::Request& req) {
               return WithCommunityForm(
                   app, req,
                   [&](TeamService& team, const SignedIn& who, const store::Community& c,
                       const http::Fields& form) {
                     CommunityInput in = ReadCommunityForm(form);
                     auto errors = team.Check(in);
                     if (!errors.empty())
                       return CommunityForm(app, who, CommunityPath(c) + "/edit", "Edit " + c.name,
                                            in, errors, CommunityModel(app.site(), c), 422,
                                            "community_edit");
                     store::Community updated = c;
                     updated.name = in.name;
                     updated.domain = in.domain;
                     updated.purpose = in.purpose;
                     updated.phase = in.phase;
                     if (auto ok = app.store().UpdateCommunity(updated); !ok)
                       return PageStoreError(app, ok.error());
                     return NoStore(http::Response::Redirect(CommunityPath(c) + "?saved=1"));
                   });
             },
             {.body_limit = 32 * 1024});

  router.Add("POST", "/communities/{id}/delete", [&app](http::Request& req) {
    return WithCommunityForm(
        app, req,
        [&](TeamService&, const SignedIn& who, const store::Community& c,
            const http::Fields& form) {
          if (FieldOf(form, "confirm") != "yes") {
            CommunityInput in{c.name, c.domain, c.purpose, c.phase};
            return CommunityForm(
                app, who, CommunityPath(c) + "/edit", "Edit " + c.name, in,
                {{"confirm", "Tick the box to confirm that everything should be deleted."}},
                CommunityModel(app.site(), c), 422, "community_edit");
          }
          if (auto ok = app.store().DeleteCommunity(c.id); !ok)
            return PageStoreError(app, ok.error());
          LogSecurityEvent("community-deleted", std::to_string(who.user.id), req.remote,
                           "community=" + std::to_string(c.id));
          return NoStore(http::Response::Redirect("/communities"));
        });
  });

  router.Add(
      "POST", "/communities/{id}/rounds",
      [&app](http::Request& req) {
        return WithCommunityForm(
            app, req,
            [&](TeamService& team, const SignedIn& who, const store::Community& c,
                const http::Fields& form) {
              std::string title = FieldOf(form, "title"), closes = FieldOf(form, "closes");
              std::optional<std::int64_t> closes_at;
              if (!closes.empty()) {
                closes_at = ParseDate(closes);
                if (!closes_at || *closes_at < team.now())
                  return Dashboard(
                      app, team, who, c, req, nullptr,
                      {"Choose a close date in the future, like 2027-03-31, or leave it empty.",
                       true},
                      422);
              }
              if (CodePoints(title) > kMaxNameLength || !http::ValidUtf8(title))
                return Dashboard(app, team, who, c, req, nullptr,
                                 {"Keep the round's name under 200 characters.", true}, 422);
              auto id = team.OpenNewRound(c, title, closes_at);
              if (!id) {
                if (id.error().kind == Error::Kind::kConflict)
                  return Dashboard(app, team, who, c, req, nullptr, {id.error().message, true},
                                   409);
                return PageStoreError(app, id.error());
              }
              return NoStore(http::Response::Redirect(CommunityPath(c) + "#invite"));
            });
      },
      {.body_limit = 8 * 1024});

  router.Add("GET", "/communities/{id}/rounds/{rid}", [&app](http::Request& req) {
    return WithCommunity(app, req,
                         [&](TeamService& team, const SignedIn& who, const store::Community& c) {
                           auto round = team.RoundIn(c, req.Param("rid"), /*counts=*/true);
                           if (!round) return PageStoreError(app, round.error());
                           return RoundPage(app, team, who, c, *round);
                         });
  });

  router.Add("POST", "/communities/{id}/rounds/{rid}/close", [&app](http::Request& req) {
    return WithCommunityForm(
        app, req,
        [&](TeamService& team, const SignedIn&, const store::Community& c, const http::Fields&) {
          auto round = team.RoundIn(c, req.Param("rid"));
          if (!round) return PageStoreError(app, round.error());
          auto ok = app.store().CloseRound(round->id, team.now());
          if (!ok && ok.error().kind != Error::Kind::kConflict)
            return PageStoreError(app, ok.error());
          return NoStore(
              http::Response::Redirect(CommunityPath(c) + "/rounds/" + std::to_string(round->id)));
        });
  });

  router.Add("POST", "/communities/{id}/invites",
             [&app](http::Request& req) {
               return WithCommunityForm(
                   app, req,
                   [&](TeamService& team, const SignedIn& who, const store::Community& c,
                       const http::Fields& form) {
                     int days = kDefaultInviteDays;
                     std::string d = FieldOf(form, "days");
                     if (!d.empty()) {
                       auto parsed = ParseId(d);
                       if (!parsed || *parsed > kMaxInviteDays)
                         return Dashboard(app, team, who, c, req, nullptr,
                                          {"Choose how many days the link works: 1 to 366.", true},
                                          422);
                       days = static_cast<int>(*parsed);
                     }
                     auto link = team.CreateInvite(c, days, RequestHost(req));
                     if (!link) {
                       if (link.error().kind == Error::Kind::kConflict)
                         return Dashboard(app, team, who, c, req, nullptr,
                                          {link.error().message, true}, 409);
                       return PageStoreError(app, link.error());
                     }
                     return Dashboard(app, team, who, c, req,
                                      {{"url", link->url}, {"invite", true}, {"days", days}});
                   });
             },
             {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/invites/{iid}/revoke", [&app](http::Request& req) {
    return WithCommunityForm(
        app, req,
        [&](TeamService& team, const SignedIn&, const store::Community& c, const http::Fields&) {
          auto id = ParseId(req.Param("iid"));
          auto invite =
              id ? app.store().FindInvite(*id) : Result<store::Invite>(Fail(Error::NotFound("")));
          if (!invite || invite->community_id != c.id) return app.Error(404);
          if (auto ok = app.store().RevokeInvite(invite->id, team.now()); !ok)
            return PageStoreError(app, ok.error());
          return NoStore(http::Response::Redirect(CommunityPath(c) + "#invite"));
        });
  });

  router.Add(
      "POST", "/communities/{id}/sponsors",
      [&app](http::Request& req) {
        return WithCommunityForm(
            app, req,
            [&](TeamService& team, const SignedIn& who, const store::Community& c,
                const http::Fields& form) {
              auto link = team.CreateSponsorLink(c, FieldOf(form, "label"), RequestHost(req));
              if (!link) {
                if (link.error().kind == Error::Kind::kInvalid)
                  return Dashboard(app, team, who, c, req, nullptr, {link.error().message, true},
                                   422);
                return PageStoreError(app, link.error());
              }
              return Dashboard(app, team, who, c, req, {{"url", link->url}, {"sponsor", true}});
            });
      },
      {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/sponsors/{sid}/revoke", [&app](http::Request& req) {
    return WithCommunityForm(
        app, req,
        [&](TeamService& team, const SignedIn&, const store::Community& c, const http::Fields&) {
          auto id = ParseId(req.Param("sid"));
          auto link = id ? app.store().FindSponsorLink(*id)
                         : Result<store::SponsorLink>(Fail(Error::NotFound("")));
          if (!link || link->community_id != c.id) return app.Error(404);
          if (auto ok = app.store().RevokeSponsorLink(link->id, team.now()); !ok)
            return PageStoreError(app, ok.error());
          return NoStore(http::Response::Redirect(CommunityPath(c) + "#sponsors"));
        });
  });

  router.Add("POST", "/communities/{id}/coordinators",
             [&app](http::Request& req) {
               return WithCommunityForm(
                   app, req,
                   [&](TeamService& team, const SignedIn& who, const store::Community& c,
                       const http::Fields& form) {
                     std::string email = NormalizeEmail(FieldOf(form, "email"));
                     auto user = app.store().FindUserByEmail(email);
                     if (!user)
                       return Dashboard(app, team, who, c, req, nullptr,
                                        {"There is no account with the email " + email +
                                             ". Ask them to create one first, then add them here.",
                                         true},
                                        422);
                     auto ok = app.store().AddCoordinator(c.id, user->id);
                     if (!ok && ok.error().kind != Error::Kind::kConflict)
                       return PageStoreError(app, ok.error());
                     return Dashboard(app, team, who, c, req, nullptr,
                                      {user->name + " is now a coordinator of " + c.name + "."});
                   });
             },
             {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/coordinators/{uid}/remove", [&app](http::Request& req) {
    return WithCommunityForm(
        app, req,
        [&](TeamService& team, const SignedIn& who, const store::Community& c,
            const http::Fields&) {
          auto id = ParseId(req.Param("uid"));
          if (!id) return app.Error(404);
          auto ok = app.store().RemoveCoordinator(c.id, *id);
          if (!ok) {
            if (ok.error().kind == Error::Kind::kConflict)
              return Dashboard(app, team, who, c, req, nullptr,
                               {"A community needs at least one coordinator.", true}, 409);
            return PageStoreError(app, ok.error());
          }
          if (*id == who.user.id) return NoStore(http::Response::Redirect("/communities"));
          return NoStore(http::Response::Redirect(CommunityPath(c) + "#coordinators"));
        });
  });

  router.Add("GET", "/communities/{id}/trends", [&app](http::Request& req) {
    return WithCommunity(
        app, req, [&](TeamService& team, const SignedIn& who, const store::Community& c) {
          auto rounds = app.store().Rounds(c.id);
          if (!rounds) return PageStoreError(app, rounds.error());
          json m = SignedModel(app, who, CommunityPath(c) + "/trends", "Trends: " + c.name,
                               "How the community changed between two check-up rounds.");
          m["community"] = CommunityModel(app.site(), c);
          std::string from_id = req.Query("from"), to_id = req.Query("to");
          // Ids given must be this community's rounds, however many it has.
          for (const std::string* given : {&from_id, &to_id})
            if (!given->empty() && !team.RoundIn(c, *given)) return app.Error(404);
          if (from_id.empty() && rounds->size() >= 2) from_id = std::to_string((*rounds)[1].id);
          if (to_id.empty() && !rounds->empty()) to_id = std::to_string((*rounds)[0].id);
          json choices_from = json::array(), choices_to = json::array();
          for (const auto& r : *rounds) {
            std::string id = std::to_string(r.id);
            choices_from.push_back(
                {{"id", r.id}, {"title", RoundTitle(r)}, {"selected", id == from_id}});
            choices_to.push_back(
                {{"id", r.id}, {"title", RoundTitle(r)}, {"selected", id == to_id}});
          }
          m["from_choices"] = choices_from;
          m["to_choices"] = choices_to;
          m["enough_rounds"] = rounds->size() >= 2;
          if (rounds->size() >= 2) {
            auto from = team.RoundIn(c, from_id);
            auto to = team.RoundIn(c, to_id);
            if (!from || !to) return app.Error(404);
            auto a = team.Results(c, *from);
            auto b = team.Results(c, *to);
            if (!a || !b) return PageStoreError(app, !a ? a.error() : b.error());
            json t = team.TrendsJson(*from, **a, *to, **b);
            m["from"] = {{"title", RoundTitle(*from)}, {"responses", (*a)->responses}};
            m["to"] = {{"title", RoundTitle(*to)}, {"responses", (*b)->responses}};
            m["same_round"] = from->id == to->id;
            m["hidden"] = t["hidden"];
            m["threshold"] = team.threshold();
            if (!t["hidden"].get<bool>()) {
              json overall = json::array({t["overall"]});
              m["overall"] = TrendRows(overall)[0];
              m["phase_rows"] = TrendRows(t["phases"]);
              m["element_rows"] = TrendRows(t["elements"]);
              m["principle_rows"] = TrendRows(t["principles"]);
              m["phase_chart"] = TrendChart(t["phases"], "trend-phase-table");
              m["element_chart"] = TrendChart(t["elements"], "trend-element-table");
              m["principle_chart"] = TrendChart(t["principles"], "trend-principle-table");
            }
          }
          return NoStore(app.Render("team_trends", m));
        });
  });

  router.Add("GET", "/communities/{id}/plan", [&app](http::Request& req) {
    return WithCommunity(app, req,
                         [&](TeamService& team, const SignedIn& who, const store::Community& c) {
                           bool draft = false;
                           auto plan = team.PlanOrDraft(c, &draft);
                           if (!plan) return PageStoreError(app, plan.error());
                           return PlanPage(app, team, who, c, *plan, draft, {}, 200,
                                           plan->items.empty() ? 3 : 1, req);
                         });
  });

  router.Add(
      "POST", "/communities/{id}/plan",
      [&app](http::Request& req) {
        return WithCommunityForm(
            app, req,
            [&](TeamService& team, const SignedIn& who, const store::Community& c,
                const http::Fields& form) {
              store::Plan plan = ReadPlanForm(form);
              std::string go = FieldOf(form, "go");
              int added = 0;
              if (go == "suggest") {
                auto latest = team.LatestShownResults(c);
                if (!latest) return PageStoreError(app, latest.error());
                if (*latest) added = team.MergeSuggestions(&plan, *(*latest)->second);
              }
              CheckupService checkups(app.site(), app.store());
              auto errors = checkups.ValidatePlan(plan);
              if (!errors.empty())
                return PlanPage(app, team, who, c, plan, false, errors, 422, 0, req);
              if (auto ok = app.store().SaveCommunityPlan(c.id, plan); !ok)
                return PageStoreError(app, ok.error());
              std::string to = CommunityPath(c) + "/plan?saved=1";
              if (go == "suggest") to += "&added=" + std::to_string(added);
              if (go == "add") to += "&add=1";
              return NoStore(http::Response::Redirect(to + (go == "add" ? "#actions-title" : "")));
            });
      },
      {.body_limit = 512 * 1024});
}

}  // namespace cultivate::web
