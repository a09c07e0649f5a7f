// The JSON API for team check-ups: communities, rounds, invites, joining, team results,
// trends, the community plan, sponsor links and coordinators. Every route under
// /api/v1/communities/{id} answers 404 unless the signed-in user coordinates {id}, and
// every nested id must belong to that community.
#include "web/access.h"
#include "web/api_support.h"
#include "web/app.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

json CommunityJson(const store::Community& c) {
  return {{"id", c.id}, {"name", c.name}, {"domain", c.domain}, {"purpose", c.purpose},
          {"phase", c.phase.empty() ? json(nullptr) : json(c.phase)}, {"demo", c.demo},
          {"created_at", c.created_at}, {"updated_at", c.updated_at}};
}

json RoundJson(const store::Round& r) {
  return {{"id", r.id}, {"title", r.title}, {"bank_version", r.bank_version},
          {"opened_at", r.opened_at}, {"closes_at", r.closes_at ? json(*r.closes_at) : json()},
          {"closed_at", r.closed_at ? json(*r.closed_at) : json()}, {"open", r.open()},
          {"joined", r.joined}, {"responses", r.answered}};
}

// Runs `f` for a signed-in coordinator of the community in the path; 401 or 404 otherwise.
template <typename F>
http::Response WithCommunity(WebApp& app, const http::Request& req, F&& f) {
  auto who = CurrentUser(app, req);
  if (!who) return Unauthorized();
  TeamService team = app.Team();
  auto community = team.Coordinated(who->user.id, req.Param("id"));
  if (!community) return JsonStoreError(community.error());
  return f(team, *who, *community);
}

std::optional<std::string> StringField(const json& body, const char* key,
                                       std::vector<FieldError>* errors) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  if (!body[key].is_string()) {
    errors->push_back({"", key, std::string(key) + " must be a string"});
    return std::nullopt;
  }
  return body[key].get<std::string>();
}

// Reads community fields from a POST (all) or PATCH (those present) body.
std::vector<FieldError> ReadCommunity(const TeamService& team, const json& body,
                                      CommunityInput* in) {
  std::vector<FieldError> errors;
  if (auto v = StringField(body, "name", &errors)) in->name = *v;
  if (auto v = StringField(body, "domain", &errors)) in->domain = *v;
  if (auto v = StringField(body, "purpose", &errors)) in->purpose = *v;
  if (body.contains("phase") && body["phase"].is_null()) in->phase.clear();
  if (auto v = StringField(body, "phase", &errors)) in->phase = *v;
  for (const auto& [field, message] : team.Check(*in)) errors.push_back({"", field, message});
  return errors;
}

http::Response NoContent() {
  http::Response r = http::Response::Json(204, "");
  r.body.clear();
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void AddTeamApiRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/api/v1/communities", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized();
    auto list = app.store().UserCommunities(who->user.id);
    if (!list) return JsonStoreError(list.error());
    json out = json::array();
    for (const auto& c : *list) out.push_back(CommunityJson(c));
    return Json(200, {{"communities", out}});
  });

  router.Add("POST", "/api/v1/communities", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized();
    json body;
    if (auto err = ParseBody(req, &body, false)) return *err;
    TeamService team = app.Team();
    CommunityInput in;
    auto errors = ReadCommunity(team, body, &in);
    if (!errors.empty())
      return WebApp::JsonError(422, "the community is invalid; nothing was saved",
                               ErrorsJson(errors));
    auto id = app.store().CreateCommunity(
        {.name = in.name, .domain = in.domain, .purpose = in.purpose, .phase = in.phase},
        who->user.id);
    if (!id) return JsonStoreError(id.error());
    http::Response r = Json(201, {{"id", *id}});
    r.Set("Location", "/api/v1/communities/" + std::to_string(*id));
    return r;
  }, {.body_limit = 32 * 1024});

  router.Add("GET", "/api/v1/communities/{id}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      json out = CommunityJson(c);
      auto rounds = app.store().Rounds(c.id);
      auto coordinators = app.store().Coordinators(c.id);
      auto invites = app.store().Invites(c.id);
      auto links = app.store().SponsorLinks(c.id);
      if (!rounds || !coordinators || !invites || !links)
        return JsonStoreError(Error::Unavailable(""));
      out["threshold"] = team.threshold();
      out["rounds"] = json::array();
      for (const auto& r : *rounds) out["rounds"].push_back(RoundJson(r));
      out["coordinators"] = json::array();
      for (const auto& u : *coordinators)
        out["coordinators"].push_back({{"id", u.id}, {"name", u.name}, {"email", u.email}});
      out["invites"] = json::array();
      for (const auto& i : *invites)
        out["invites"].push_back({{"id", i.id}, {"round_id", i.round_id},
                                  {"created_at", i.created_at}, {"expires_at", i.expires_at},
                                  {"revoked", i.revoked_at.has_value()}, {"uses", i.uses}});
      out["sponsor_links"] = json::array();
      for (const auto& l : *links)
        out["sponsor_links"].push_back({{"id", l.id}, {"label", l.label},
                                        {"created_at", l.created_at},
                                        {"revoked", l.revoked_at.has_value()}});
      return Json(200, out);
    });
  });

  router.Add("PATCH", "/api/v1/communities/{id}", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, false)) return *err;
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      CommunityInput in{c.name, c.domain, c.purpose, c.phase};
      auto errors = ReadCommunity(team, body, &in);
      if (!errors.empty())
        return WebApp::JsonError(422, "the community is invalid; nothing was saved",
                                 ErrorsJson(errors));
      store::Community updated = c;
      updated.name = in.name;
      updated.domain = in.domain;
      updated.purpose = in.purpose;
      updated.phase = in.phase;
      if (auto ok = app.store().UpdateCommunity(updated); !ok) return JsonStoreError(ok.error());
      auto read = app.store().FindCommunity(c.id);
      if (!read) return JsonStoreError(read.error());
      return Json(200, CommunityJson(*read));
    });
  }, {.body_limit = 32 * 1024});

  router.Add("DELETE", "/api/v1/communities/{id}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService&, const SignedIn& who,
                                       const store::Community& c) {
      if (auto ok = app.store().DeleteCommunity(c.id); !ok) return JsonStoreError(ok.error());
      LogSecurityEvent("community-deleted", std::to_string(who.user.id), req.remote,
                       "community=" + std::to_string(c.id));
      return NoContent();
    });
  });

  // ---- rounds ----
  router.Add("POST", "/api/v1/communities/{id}/rounds", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, true)) return *err;
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      std::vector<FieldError> errors;
      std::string title = StringField(body, "title", &errors).value_or("");
      std::optional<std::int64_t> closes;
      if (auto date = StringField(body, "closes_at", &errors)) {
        closes = ParseDate(*date);
        if (!closes) errors.push_back({"", "closes_at", "use a date like 2027-03-31"});
        else if (*closes < team.now())
          errors.push_back({"", "closes_at", "the close date is in the past"});
      }
      if (CodePoints(title) > kMaxNameLength)
        errors.push_back({"", "title", "at most 200 characters"});
      if (!errors.empty())
        return WebApp::JsonError(422, "the round is invalid", ErrorsJson(errors));
      auto id = team.OpenNewRound(c, title, closes);
      if (!id) return JsonStoreError(id.error());
      http::Response r = Json(201, {{"id", *id}});
      r.Set("Location", "/api/v1/communities/" + std::to_string(c.id) + "/rounds/" +
                            std::to_string(*id));
      return r;
    });
  }, {.body_limit = 8 * 1024});

  router.Add("GET", "/api/v1/communities/{id}/rounds/{rid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      auto round = team.RoundIn(c, req.Param("rid"), /*counts=*/true);
      if (!round) return JsonStoreError(round.error());
      return Json(200, RoundJson(*round));
    });
  });

  router.Add("POST", "/api/v1/communities/{id}/rounds/{rid}/close", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      auto round = team.RoundIn(c, req.Param("rid"));
      if (!round) return JsonStoreError(round.error());
      if (auto ok = app.store().CloseRound(round->id, team.now()); !ok)
        return JsonStoreError(ok.error());
      auto read = app.store().FindRound(round->id);
      if (!read) return JsonStoreError(read.error());
      return Json(200, RoundJson(*read));
    });
  });

  router.Add("GET", "/api/v1/communities/{id}/rounds/{rid}/results", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      auto round = team.RoundIn(c, req.Param("rid"));
      if (!round) return JsonStoreError(round.error());
      auto body = team.ResultsJsonBody(c, *round);
      if (!body) return JsonStoreError(body.error());
      return (*body)->Serve(req);
    });
  });

  router.Add("GET", "/api/v1/communities/{id}/trends", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      auto from = team.RoundIn(c, req.Query("from"));
      auto to = team.RoundIn(c, req.Query("to"));
      if (!from || !to)
        return WebApp::JsonError(404, "give two rounds of this community: ?from={id}&to={id}");
      auto a = team.Results(c, *from);
      auto b = team.Results(c, *to);
      if (!a || !b) return JsonStoreError(!a ? a.error() : b.error());
      return Json(200, team.TrendsJson(*from, **a, *to, **b));
    });
  });

  // ---- invites and joining ----
  router.Add("POST", "/api/v1/communities/{id}/invites", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, true)) return *err;
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      int days = kDefaultInviteDays;
      if (body.contains("days")) {
        if (!body["days"].is_number_integer() || body["days"].get<std::int64_t>() < 1 ||
            body["days"].get<std::int64_t>() > kMaxInviteDays)
          return WebApp::JsonError(422, "days must be a whole number from 1 to 366",
                                   json::array({{{"field", "days"}, {"message", "1 to 366"}}}));
        days = body["days"].get<int>();
      }
      auto link = team.CreateInvite(c, days, RequestHost(req));
      if (!link) return JsonStoreError(link.error());
      auto invite = app.store().FindInvite(link->id);
      json out{{"id", link->id}, {"token", link->token}, {"url", link->url}};
      if (invite) {
        out["expires_at"] = invite->expires_at;
        out["round_id"] = invite->round_id;
      }
      return Json(201, out);
    });
  }, {.body_limit = 4 * 1024});

  router.Add("DELETE", "/api/v1/communities/{id}/invites/{iid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      auto id = ParseId(req.Param("iid"));
      auto invite = id ? app.store().FindInvite(*id) : Result<store::Invite>(Fail(Error::NotFound("")));
      if (!invite || invite->community_id != c.id) return WebApp::JsonError(404, "not found");
      if (auto ok = app.store().RevokeInvite(invite->id, team.now()); !ok)
        return JsonStoreError(ok.error());
      return NoContent();
    });
  });

  router.Add("POST", "/api/v1/join/{token}", [&app](http::Request& req) {
    auto token = app.Team().Join(req.Param("token"));
    if (!token) {
      if (token.error().kind == Error::Kind::kConflict)
        return WebApp::JsonError(410, token.error().message);
      if (token.error().kind == Error::Kind::kNotFound)
        return WebApp::JsonError(404, "no invite with this token");
      return JsonStoreError(token.error());
    }
    http::Response r = Json(201, {{"token", *token}, {"resume_url", "/checkup/" + *token}});
    r.Set("Location", "/api/v1/checkups/" + *token);
    return r;
  });

  // ---- the community plan ----
  router.Add("GET", "/api/v1/communities/{id}/plan", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      bool draft = false;
      auto plan = team.PlanOrDraft(c, &draft);
      if (!plan) return JsonStoreError(plan.error());
      return Json(200, PlanJson(*plan, draft));
    });
  });

  router.Add("PUT", "/api/v1/communities/{id}/plan", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, false)) return *err;
    return WithCommunity(app, req, [&](TeamService&, const SignedIn&,
                                       const store::Community& c) {
      std::vector<FieldError> errors;
      store::Plan plan = PlanFromJson(body, &errors);
      CheckupService checkups(app.site(), app.store());
      auto more = checkups.ValidatePlan(plan);
      errors.insert(errors.end(), more.begin(), more.end());
      if (!errors.empty())
        return WebApp::JsonError(422, "the plan is invalid; nothing was saved", ErrorsJson(errors));
      if (auto ok = app.store().SaveCommunityPlan(c.id, plan); !ok)
        return JsonStoreError(ok.error());
      auto stored = app.store().CommunityPlan(c.id);
      if (!stored || !*stored) return JsonStoreError(Error::Internal("plan vanished"));
      return Json(200, PlanJson(**stored, false));
    });
  }, {.body_limit = 512 * 1024});

  // ---- sponsor links ----
  router.Add("POST", "/api/v1/communities/{id}/sponsors", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, true)) return *err;
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      std::vector<FieldError> errors;
      std::string label = StringField(body, "label", &errors).value_or("");
      if (!errors.empty()) return WebApp::JsonError(422, "label must be a string", ErrorsJson(errors));
      auto link = team.CreateSponsorLink(c, label, RequestHost(req));
      if (!link) return JsonStoreError(link.error());
      return Json(201, {{"id", link->id}, {"token", link->token}, {"url", link->url}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("DELETE", "/api/v1/communities/{id}/sponsors/{sid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService& team, const SignedIn&,
                                       const store::Community& c) {
      auto id = ParseId(req.Param("sid"));
      auto link = id ? app.store().FindSponsorLink(*id)
                     : Result<store::SponsorLink>(Fail(Error::NotFound("")));
      if (!link || link->community_id != c.id) return WebApp::JsonError(404, "not found");
      if (auto ok = app.store().RevokeSponsorLink(link->id, team.now()); !ok)
        return JsonStoreError(ok.error());
      return NoContent();
    });
  });

  router.Add("GET", "/api/v1/sponsor/{token}", [&app](http::Request& req) {
    TeamService team = app.Team();
    auto c = team.SponsorCommunity(req.Param("token"));
    if (!c) return WebApp::JsonError(404, "no sponsor link with this token");
    auto latest = team.LatestShownResults(*c);
    if (!latest) return JsonStoreError(latest.error());
    auto plan = app.store().CommunityPlan(c->id);
    if (!plan) return JsonStoreError(plan.error());
    json out{{"community", {{"name", c->name}, {"domain", c->domain}, {"purpose", c->purpose}}}};
    out["round"] = *latest ? RoundJson((*latest)->first) : json(nullptr);
    out["results"] = *latest ? team.ResultsJson(*(*latest)->second) : json(nullptr);
    out["plan"] = *plan ? PlanJson(**plan, false) : json(nullptr);
    return Json(200, out);
  });

  // ---- coordinators ----
  router.Add("POST", "/api/v1/communities/{id}/coordinators", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, false)) return *err;
    return WithCommunity(app, req, [&](TeamService&, const SignedIn&, const store::Community& c) {
      std::vector<FieldError> errors;
      std::string email = StringField(body, "email", &errors).value_or("");
      auto user = app.store().FindUserByEmail(NormalizeEmail(email));
      if (!user)
        return WebApp::JsonError(422, "no account with this email: ask them to sign up first",
                                 json::array({{{"field", "email"}, {"message", "no such account"}}}));
      if (auto ok = app.store().AddCoordinator(c.id, user->id); !ok)
        return JsonStoreError(ok.error());
      return Json(201, {{"id", user->id}, {"name", user->name}, {"email", user->email}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("DELETE", "/api/v1/communities/{id}/coordinators/{uid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](TeamService&, const SignedIn&, const store::Community& c) {
      auto id = ParseId(req.Param("uid"));
      if (!id) return WebApp::JsonError(404, "not found");
      if (auto ok = app.store().RemoveCoordinator(c.id, *id); !ok) return JsonStoreError(ok.error());
      return NoContent();
    });
  });
}

}  // namespace cultivate::web
