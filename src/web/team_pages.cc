// Team check-ups in HTML: the coordinators' communities, rounds, invites, team results,
// trends and plan; the member's join page; the sponsor's read-only view. Every page under
// /communities/{id} is 404 unless the signed-in user coordinates {id}; nested ids must
// belong to that community. Every form carries the session's CSRF token.
#include "http/form.h"
#include "view/charts.h"
#include "web/access.h"
#include "web/checkup_pages.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

std::string Host(const http::Request& req) {
  const std::string* host = req.Header("Host");
  return host ? *host : "";
}

http::Response NoStore(http::Response r) {
  r.Set("Cache-Control", "no-store");
  return r;
}

std::string CommunityPath(const store::Community& c) { return "/communities/" + std::to_string(c.id); }

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

json CommunityModel(const Site& site, const store::Community& c) {
  return {{"id", c.id}, {"name", c.name}, {"domain", c.domain}, {"purpose", c.purpose},
          {"phase", c.phase}, {"phase_title", PhaseTitle(site, c.phase)}, {"demo", c.demo},
          {"href", CommunityPath(c)}};
}

std::string RoundTitle(const store::Round& r) {
  return r.title.empty() ? "Round of " + FormatDate(r.opened_at) : r.title;
}

json RoundModel(const store::Community& c, const store::Round& r, int threshold) {
  return {{"id", r.id}, {"title", RoundTitle(r)}, {"opened", FormatDate(r.opened_at)},
          {"closes", r.closes_at ? FormatDate(*r.closes_at) : ""},
          {"closed", r.closed_at ? FormatDate(*r.closed_at) : ""}, {"open", r.open()},
          {"joined", r.joined}, {"answered", r.answered},
          {"shown", r.answered >= threshold},
          {"href", CommunityPath(c) + "/rounds/" + std::to_string(r.id)}};
}

// Runs `f` for a signed-in coordinator of the community in the path. Not signed in: to the
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
  return WithCommunity(app, req, [&](TeamService& team, const SignedIn& who,
                                     const store::Community& c) {
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
    people.push_back({{"id", u.id}, {"name", u.name}, {"email", u.email},
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
    inv.push_back({{"id", i.id}, {"created", FormatDate(i.created_at)},
                   {"expires", FormatDate(i.expires_at)}, {"uses", i.uses}, {"state", state},
                   {"active", state == "Active"}});
  }
  m["invites"] = inv;
  m["has_invites"] = !inv.empty();
  json sp = json::array();
  for (const auto& l : *links)
    sp.push_back({{"id", l.id}, {"label", l.label.empty() ? "Sponsor link" : l.label},
                  {"created", FormatDate(l.created_at)}, {"active", !l.revoked_at}});
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

// ---- team results ----

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
    return v.is_null() ? std::string() : std::to_string(static_cast<int>(std::lround(v.get<double>())));
  };
  s["min_text"] = whole(spread["min"]);
  s["max_text"] = whole(spread["max"]);
  s["stddev_text"] = fmt(spread["stddev"]);
  return s;
}

json TeamResultsModel(WebApp& app, TeamService& team, const assess::TeamResults& results,
                      const std::vector<store::Reflection>& reflections) {
  const Site& site = app.site();
  json r = team.ResultsJson(results);
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
  p["is_" + p.value("summary", std::string("placed"))] = true;
  if (p.contains("phase") && p["phase"].is_string())
    p["href"] = "/guide/phases/" + p["phase"].get<std::string>();
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
      json qs = json::array();
      for (const auto& qid : area["questions"])
        if (const auto* q = site.bank.FindQuestion(qid.get<std::string>())) qs.push_back(q->text);
      area["question_texts"] = qs;
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

json TrendRows(const json& list) {
  json rows = json::array();
  for (const auto& g : list) {
    auto num = [](const json& v) { return v.is_null() ? std::string() : Pct(v); };
    json change = g["change"]["now"];
    std::string direction = change.is_null() ? "" : change.get<double>() > 0.5 ? "up"
                                                  : change.get<double>() < -0.5 ? "down" : "same";
    std::string signed_change;
    if (!change.is_null()) {
      long v = std::lround(change.get<double>());
      signed_change = (v > 0 ? "+" : v < 0 ? "−" : "±") + std::to_string(std::labs(v));
    }
    rows.push_back({{"title", g["title"]}, {"from_now", num(g["from"]["now"])},
                    {"to_now", num(g["to"]["now"])}, {"from_target", num(g["from"]["target"])},
                    {"to_target", num(g["to"]["target"])}, {"change", signed_change},
                    {"up", direction == "up"}, {"down", direction == "down"},
                    {"same", direction == "same"}, {"missing", change.is_null()}});
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

json ReadOnlyPlan(const store::Plan& plan) {
  json items = json::array();
  for (const auto& i : plan.items) {
    std::string status = i.status == "doing" ? "Doing" : i.status == "done" ? "Done"
                         : i.status == "dropped" ? "Dropped" : "To do";
    items.push_back({{"what", i.what}, {"owner", i.owner}, {"due", i.due}, {"status", status}});
  }
  return {{"vision", plan.vision}, {"goals", plan.goals}, {"strategies", plan.strategies},
          {"items", items}, {"has_items", !items.empty()}};
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

  router.Add("POST", "/communities", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    http::Response error;
    auto form = SignedForm(app, req, *who, &error);
    if (!form) return error;
    TeamService team = app.Team();
    CommunityInput in = ReadCommunityForm(*form);
    auto errors = team.Check(in);
    if (!errors.empty())
      return CommunityForm(app, *who, "/communities/new", "New community", in, errors, nullptr,
                           422, "community_new");
    auto id = app.store().CreateCommunity(
        {.name = in.name, .domain = in.domain, .purpose = in.purpose, .phase = in.phase},
        who->user.id);
    if (!id) return PageStoreError(app, id.error());
    return NoStore(http::Response::Redirect("/communities/" + std::to_string(*id)));
  }, {.body_limit = 32 * 1024});

  router.Add("GET", "/communities/new", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    return CommunityForm(app, *who, "/communities/new", "New community", {}, {}, nullptr, 200,
                         "community_new");
  });

  router.Add("GET", "/communities/{id}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn& who,
                                       const store::Community& c) {
      return Dashboard(app, team, who, c, req);
    });
  });

  router.Add("GET", "/communities/{id}/edit", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService&, const SignedIn& who,
                                       const store::Community& c) {
      return CommunityForm(app, who, CommunityPath(c) + "/edit", "Edit " + c.name,
                           {c.name, c.domain, c.purpose, c.phase}, {},
                           CommunityModel(app.site(), c), 200, "community_edit");
    });
  });

  router.Add("POST", "/communities/{id}/edit", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn& who,
                                           const store::Community& c, const http::Fields& form) {
      CommunityInput in = ReadCommunityForm(form);
      auto errors = team.Check(in);
      if (!errors.empty())
        return CommunityForm(app, who, CommunityPath(c) + "/edit", "Edit " + c.name, in, errors,
                             CommunityModel(app.site(), c), 422, "community_edit");
      store::Community updated = c;
      updated.name = in.name;
      updated.domain = in.domain;
      updated.purpose = in.purpose;
      updated.phase = in.phase;
      if (auto ok = app.store().UpdateCommunity(updated); !ok) return PageStoreError(app, ok.error());
      return NoStore(http::Response::Redirect(CommunityPath(c) + "?saved=1"));
    });
  }, {.body_limit = 32 * 1024});

  router.Add("POST", "/communities/{id}/delete", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService&, const SignedIn& who,
                                           const store::Community& c, const http::Fields& form) {
      if (FieldOf(form, "confirm") != "yes") {
        CommunityInput in{c.name, c.domain, c.purpose, c.phase};
        return CommunityForm(app, who, CommunityPath(c) + "/edit", "Edit " + c.name, in,
                             {{"confirm", "Tick the box to confirm that everything should be deleted."}},
                             CommunityModel(app.site(), c), 422, "community_edit");
      }
      if (auto ok = app.store().DeleteCommunity(c.id); !ok) return PageStoreError(app, ok.error());
      LogSecurityEvent("community-deleted", std::to_string(who.user.id), req.remote,
                       "community=" + std::to_string(c.id));
      return NoStore(http::Response::Redirect("/communities"));
    });
  });

  router.Add("POST", "/communities/{id}/rounds", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn& who,
                                           const store::Community& c, const http::Fields& form) {
      std::string title = FieldOf(form, "title"), closes = FieldOf(form, "closes");
      std::optional<std::int64_t> closes_at;
      if (!closes.empty()) {
        closes_at = ParseDate(closes);
        if (!closes_at || *closes_at < team.now())
          return Dashboard(app, team, who, c, req, nullptr,
                           {"Choose a close date in the future, like 2027-03-31, or leave it empty.", true},
                           422);
      }
      if (CodePoints(title) > kMaxNameLength || !http::ValidUtf8(title))
        return Dashboard(app, team, who, c, req, nullptr,
                         {"Keep the round's name under 200 characters.", true}, 422);
      auto id = team.OpenNewRound(c, title, closes_at);
      if (!id) {
        if (id.error().kind == Error::Kind::kConflict)
          return Dashboard(app, team, who, c, req, nullptr, {id.error().message, true}, 409);
        return PageStoreError(app, id.error());
      }
      return NoStore(http::Response::Redirect(CommunityPath(c) + "#invite"));
    });
  }, {.body_limit = 8 * 1024});

  router.Add("GET", "/communities/{id}/rounds/{rid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn& who,
                                       const store::Community& c) {
      auto round = team.RoundIn(c, req.Param("rid"), /*counts=*/true);
      if (!round) return PageStoreError(app, round.error());
      return RoundPage(app, team, who, c, *round);
    });
  });

  router.Add("POST", "/communities/{id}/rounds/{rid}/close", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn&,
                                           const store::Community& c, const http::Fields&) {
      auto round = team.RoundIn(c, req.Param("rid"));
      if (!round) return PageStoreError(app, round.error());
      auto ok = app.store().CloseRound(round->id, team.now());
      if (!ok && ok.error().kind != Error::Kind::kConflict) return PageStoreError(app, ok.error());
      return NoStore(http::Response::Redirect(CommunityPath(c) + "/rounds/" +
                                              std::to_string(round->id)));
    });
  });

  router.Add("POST", "/communities/{id}/invites", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn& who,
                                           const store::Community& c, const http::Fields& form) {
      int days = kDefaultInviteDays;
      std::string d = FieldOf(form, "days");
      if (!d.empty()) {
        auto parsed = ParseId(d);
        if (!parsed || *parsed > kMaxInviteDays)
          return Dashboard(app, team, who, c, req, nullptr,
                           {"Choose how many days the link works: 1 to 366.", true}, 422);
        days = static_cast<int>(*parsed);
      }
      auto link = team.CreateInvite(c, days, Host(req));
      if (!link) {
        if (link.error().kind == Error::Kind::kConflict)
          return Dashboard(app, team, who, c, req, nullptr, {link.error().message, true}, 409);
        return PageStoreError(app, link.error());
      }
      return Dashboard(app, team, who, c, req,
                       {{"url", link->url}, {"invite", true}, {"days", days}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/invites/{iid}/revoke", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn&,
                                           const store::Community& c, const http::Fields&) {
      auto id = ParseId(req.Param("iid"));
      auto invite = id ? app.store().FindInvite(*id) : Result<store::Invite>(Fail(Error::NotFound("")));
      if (!invite || invite->community_id != c.id) return app.Error(404);
      if (auto ok = app.store().RevokeInvite(invite->id, team.now()); !ok)
        return PageStoreError(app, ok.error());
      return NoStore(http::Response::Redirect(CommunityPath(c) + "#invite"));
    });
  });

  router.Add("POST", "/communities/{id}/sponsors", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn& who,
                                           const store::Community& c, const http::Fields& form) {
      auto link = team.CreateSponsorLink(c, FieldOf(form, "label"), Host(req));
      if (!link) {
        if (link.error().kind == Error::Kind::kInvalid)
          return Dashboard(app, team, who, c, req, nullptr, {link.error().message, true}, 422);
        return PageStoreError(app, link.error());
      }
      return Dashboard(app, team, who, c, req, {{"url", link->url}, {"sponsor", true}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/sponsors/{sid}/revoke", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn&,
                                           const store::Community& c, const http::Fields&) {
      auto id = ParseId(req.Param("sid"));
      auto link = id ? app.store().FindSponsorLink(*id)
                     : Result<store::SponsorLink>(Fail(Error::NotFound("")));
      if (!link || link->community_id != c.id) return app.Error(404);
      if (auto ok = app.store().RevokeSponsorLink(link->id, team.now()); !ok)
        return PageStoreError(app, ok.error());
      return NoStore(http::Response::Redirect(CommunityPath(c) + "#sponsors"));
    });
  });

  router.Add("POST", "/communities/{id}/coordinators", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn& who,
                                           const store::Community& c, const http::Fields& form) {
      std::string email = NormalizeEmail(FieldOf(form, "email"));
      auto user = app.store().FindUserByEmail(email);
      if (!user)
        return Dashboard(app, team, who, c, req, nullptr,
                         {"There is no account with the email " + email +
                              ". Ask them to create one first, then add them here.", true},
                         422);
      auto ok = app.store().AddCoordinator(c.id, user->id);
      if (!ok && ok.error().kind != Error::Kind::kConflict) return PageStoreError(app, ok.error());
      return Dashboard(app, team, who, c, req, nullptr,
                       {user->name + " is now a coordinator of " + c.name + "."});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("POST", "/communities/{id}/coordinators/{uid}/remove", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn& who,
                                           const store::Community& c, const http::Fields&) {
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
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn& who,
                                       const store::Community& c) {
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
        choices_from.push_back({{"id", r.id}, {"title", RoundTitle(r)}, {"selected", id == from_id}});
        choices_to.push_back({{"id", r.id}, {"title", RoundTitle(r)}, {"selected", id == to_id}});
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
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn& who,
                                       const store::Community& c) {
      bool draft = false;
      auto plan = team.PlanOrDraft(c, &draft);
      if (!plan) return PageStoreError(app, plan.error());
      return PlanPage(app, team, who, c, *plan, draft, {}, 200, plan->items.empty() ? 3 : 1, req);
    });
  });

  router.Add("POST", "/communities/{id}/plan", [&app](http::Request& req) {
    return WithCommunityForm(app, req, [&](TeamService& team, const SignedIn& who,
                                           const store::Community& c, const http::Fields& form) {
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
      if (!errors.empty()) return PlanPage(app, team, who, c, plan, false, errors, 422, 0, req);
      if (auto ok = app.store().SaveCommunityPlan(c.id, plan); !ok)
        return PageStoreError(app, ok.error());
      std::string to = CommunityPath(c) + "/plan?saved=1";
      if (go == "suggest") to += "&added=" + std::to_string(added);
      if (go == "add") to += "&add=1";
      return NoStore(http::Response::Redirect(to + (go == "add" ? "#actions-title" : "")));
    });
  }, {.body_limit = 512 * 1024});

  // ---- members ----
  router.Add("GET", "/join/{token}", [&app](http::Request& req) {
    TeamService team = app.Team();
    auto view = team.ViewInvite(req.Param("token"));
    if (!view) {
      if (view.error().kind == Error::Kind::kNotFound)
        return app.Error(404, "This invite link is not known. Check that the whole link was copied.");
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
      if (token.error().kind == Error::Kind::kConflict) return app.Error(410, token.error().message);
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
