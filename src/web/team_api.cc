// The JSON API for team check-ups: communities, rounds, invites, joining, team results,
// trends, the community plan, sponsor links and coordinators. Every route under
// /api/v1/communities/{id} answers 404 unless the signed-in user coordinates {id}, and
// every nested id must belong to that community (community::Team checks both).
#include "auth/accounts.h"
#include "common/message_keys.h"
#include "web/access.h"
#include "web/api_support.h"
#include "web/app.h"
#include "web/team_json.h"
#include "web/value_json.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

json CommunityJson(const model::Community& c) {
  return {{"id", c.id}, {"name", c.name}, {"domain", c.domain}, {"purpose", c.purpose},
          {"phase", c.phase.empty() ? json(nullptr) : json(c.phase)}, {"demo", c.demo},
          {"created_at", c.created_at}, {"updated_at", c.updated_at}};
}

json RoundJson(const model::Round& r) {
  return {{"id", r.id}, {"title", r.title}, {"bank_version", r.bank_version},
          {"opened_at", r.opened_at}, {"closes_at", r.closes_at ? json(*r.closes_at) : json()},
          {"closed_at", r.closed_at ? json(*r.closed_at) : json()}, {"open", r.open()},
          {"joined", r.joined}, {"responses", r.answered},
          {"coordinator_responses", r.coordinator_answered}, {"invited", r.invited}};
}

json OverviewJson(WebApp& app, const model::Community& c, const community::Overview& o) {
  json out = CommunityJson(c);
  out["threshold"] = app.team().threshold();
  out["rounds"] = json::array();
  for (const auto& r : o.rounds) out["rounds"].push_back(RoundJson(r));
  out["coordinators"] = json::array();
  for (const auto& u : o.coordinators)
    out["coordinators"].push_back({{"id", u.id}, {"name", u.name}, {"email", u.email}});
  out["invited"] = json::array();
  for (const auto& i : o.invited)
    out["invited"].push_back({{"id", i.id}, {"email", i.email}, {"created_at", i.created_at}});
  out["invites"] = json::array();
  for (const auto& i : o.invites)
    out["invites"].push_back({{"id", i.id}, {"round_id", i.round_id},
                              {"created_at", i.created_at}, {"expires_at", i.expires_at},
                              {"revoked", i.revoked_at.has_value()}, {"uses", i.uses},
                              {"max_uses", i.max_uses}, {"full", i.full()}});
  out["sponsor_links"] = json::array();
  for (const auto& l : o.links)
    out["sponsor_links"].push_back({{"id", l.id}, {"label", l.label},
                                    {"created_at", l.created_at},
                                    {"revoked", l.revoked_at.has_value()}});
  return out;
}

// Runs `f` for a signed-in coordinator of the community in the path; 401 or 404 otherwise.
template <typename F>
http::Response WithCommunity(WebApp& app, const http::Request& req, F&& f) {
  auto who = CurrentUser(app, req);
  if (!who) return Unauthorized(app);
  auto community = app.team().Coordinated(who->user.id, req.Param("id"));
  if (!community) return app.JsonFail(community.error());
  return f(*who, *community);
}

// Reads community fields from a POST (all) or PATCH (those present) body over `in`.
std::vector<FieldError> ReadCommunity(const json& body, community::CommunityInput* in) {
  std::vector<FieldError> errors;
  if (auto v = StringField(body, "name", &errors)) in->name = *v;
  if (auto v = StringField(body, "domain", &errors)) in->domain = *v;
  if (auto v = StringField(body, "purpose", &errors)) in->purpose = *v;
  if (body.contains("phase") && body["phase"].is_null()) in->phase.clear();
  if (auto v = StringField(body, "phase", &errors)) in->phase = *v;
  return errors;
}

http::Response Created(const json& body, const std::string& location) {
  http::Response r = Json(201, body);
  if (!location.empty()) r.Set("Location", location);
  return r;
}

std::string CommunityUrl(const model::Community& c) {
  return "/api/v1/communities/" + std::to_string(c.id);
}

}  // namespace

void AddTeamApiRoutes(WebApp& app, http::Router& router) {
  router.Add("GET", "/api/v1/communities", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized(app);
    // ?limit (1 to 200, default 50) and ?offset page the list, ordered by name.
    constexpr long long kMaxPage = 200;
    auto number = [&](const char* key, long long fallback) -> long long {
      std::string v = req.Query(key);
      if (v.empty()) return fallback;
      if (v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) return -1;
      return std::stoll(v);
    };
    long long limit = number("limit", 50), offset = number("offset", 0);
    if (limit < 1 || limit > kMaxPage || offset < 0)
      return app.JsonError(422, {msg::kPageInvalid, {Arg("max", kMaxPage)}});
    auto list = app.team().CommunitiesOf(who->user.id);
    if (!list) return app.JsonFail(list.error());
    json out = json::array();
    for (size_t i = static_cast<size_t>(offset); i < list->size() && out.size() < static_cast<size_t>(limit); ++i)
      out.push_back(CommunityJson((*list)[i]));
    return Json(200, {{"communities", out}, {"total", list->size()}, {"limit", limit}, {"offset", offset}});
  });

  router.Add("POST", "/api/v1/communities", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized(app);
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    community::CommunityInput in;
    if (auto errors = ReadCommunity(body, &in); !errors.empty())
      return app.JsonFail(cultivate::Error::Fields(errors, msg::kCommunityInvalid));
    auto c = app.team().Create(who->user.id, in);
    if (!c) return app.JsonFail(c.error());
    return Created({{"id", c->id}}, CommunityUrl(*c));
  }, {.body_limit = 32 * 1024});

  router.Add("GET", "/api/v1/communities/{id}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      auto overview = app.team().OverviewOf(c);
      if (!overview) return app.JsonFail(overview.error());
      return Json(200, OverviewJson(app, c, *overview));
    });
  });

  router.Add("PATCH", "/api/v1/communities/{id}", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      community::CommunityInput in{c.name, c.domain, c.purpose, c.phase};
      if (auto errors = ReadCommunity(body, &in); !errors.empty())
        return app.JsonFail(cultivate::Error::Fields(errors, msg::kCommunityInvalid));
      auto updated = app.team().Update(c, in);
      if (!updated) return app.JsonFail(updated.error());
      return Json(200, CommunityJson(*updated));
    });
  }, {.body_limit = 32 * 1024});

  router.Add("DELETE", "/api/v1/communities/{id}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      if (auto ok = app.team().Delete(c, who.user.id, req.remote); !ok) return app.JsonFail(ok.error());
      return NoContent();
    });
  });

  // ---- rounds ----
  router.Add("POST", "/api/v1/communities/{id}/rounds", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, true)) return *err;
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      std::vector<FieldError> errors;
      community::RoundInput in{StringField(body, "title", &errors).value_or(""),
                               StringField(body, "closes_at", &errors).value_or("")};
      if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kRoundInvalid));
      auto round = app.team().OpenNewRound(c, in);
      if (!round) return app.JsonFail(round.error());
      return Created({{"id", round->id}}, CommunityUrl(c) + "/rounds/" + std::to_string(round->id));
    });
  }, {.body_limit = 8 * 1024});

  router.Add("GET", "/api/v1/communities/{id}/rounds/{rid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      auto round = app.team().RoundIn(c, req.Param("rid"), /*counts=*/true);
      if (!round) return app.JsonFail(round.error());
      return Json(200, RoundJson(*round));
    });
  });

  router.Add("POST", "/api/v1/communities/{id}/rounds/{rid}/close", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      auto round = app.team().CloseRound(c, req.Param("rid"));
      if (!round) return app.JsonFail(round.error());
      return Json(200, RoundJson(*round));
    });
  });

  router.Add("GET", "/api/v1/communities/{id}/rounds/{rid}/results", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      auto round = app.team().RoundIn(c, req.Param("rid"));
      if (!round) return app.JsonFail(round.error());
      auto body = TeamResultsBody(app, c, *round);
      if (!body) return app.JsonFail(body.error());
      return (*body)->Serve(req);
    });
  });

  router.Add("GET", "/api/v1/communities/{id}/trends", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      auto trend = app.team().Trends(c, req.Query("from"), req.Query("to"));
      if (!trend && trend.error().kind == cultivate::Error::Kind::kNotFound)
        return app.JsonError(404, msg::kTrendsNeedRounds);
      if (!trend) return app.JsonFail(trend.error());
      return Json(200, TrendsJson(app, *trend));
    });
  });

  // ---- invites and joining ----
  router.Add("POST", "/api/v1/communities/{id}/invites", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, true)) return *err;
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      // A number out of range (or not a whole number) is passed on as -1: the operation says why.
      auto whole = [&](const char* key, int fallback, int max) {
        if (!body.contains(key)) return fallback;
        const json& v = body[key];
        return v.is_number_integer() && v.get<std::int64_t>() >= 0 && v.get<std::int64_t>() <= max
                   ? v.get<int>()
                   : -1;
      };
      int days = whole("days", community::kDefaultInviteDays, community::kMaxInviteDays);
      int uses = whole("max_uses", community::kDefaultInviteUses, community::kMaxInviteUses);
      auto link = app.team().CreateInvite(c, days, uses);
      if (!link) return app.JsonFail(link.error());
      return Json(201, {{"id", link->id}, {"token", link->token}, {"url", app.LinkUrl(req, link->path)},
                        {"expires_at", link->expires_at}, {"round_id", link->round_id},
                        {"max_uses", uses}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("DELETE", "/api/v1/communities/{id}/invites/{iid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      if (auto ok = app.team().RevokeInvite(c, req.Param("iid")); !ok) return app.JsonFail(ok.error());
      return NoContent();
    });
  });

  router.Add("POST", "/api/v1/join/{token}", [&app](http::Request& req) {
    community::Joiner who;
    if (auto user = CurrentUser(app, req)) who.user = user->user.id;
    auto joined = app.team().Join(req.Param("token"), who);
    if (!joined) return app.JsonFail(joined.error());
    json body{{"token", joined->token}, {"resume_url", "/checkup/" + joined->token},
              {"again", joined->again}};
    if (joined->again) return Json(200, body);  // an existing check-up, with a fresh link
    return Created(body, "/api/v1/checkups/" + joined->token);
  });

  // ---- the community plan ----
  router.Add("GET", "/api/v1/communities/{id}/plan", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      auto plan = app.team().Plan(c);
      if (!plan) return app.JsonFail(plan.error());
      return Json(200, PlanJson(plan->plan, plan->draft));
    });
  });

  router.Add("PUT", "/api/v1/communities/{id}/plan", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      std::vector<FieldError> errors;
      model::Plan plan = PlanFromJson(body, &errors);
      if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kPlanInvalid));
      auto saved = app.team().SavePlan(c, plan);
      if (!saved) return app.JsonFail(saved.error());
      return Json(200, PlanJson(*saved, false));
    });
  }, {.body_limit = 512 * 1024});

  // ---- sponsor links ----
  router.Add("POST", "/api/v1/communities/{id}/sponsors", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, true)) return *err;
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      std::vector<FieldError> errors;
      std::string label = StringField(body, "label", &errors).value_or("");
      if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kInvalid));
      auto link = app.team().CreateSponsorLink(c, label);
      if (!link) return app.JsonFail(link.error());
      return Json(201, {{"id", link->id}, {"token", link->token}, {"url", app.LinkUrl(req, link->path)}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("DELETE", "/api/v1/communities/{id}/sponsors/{sid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      if (auto ok = app.team().RevokeSponsorLink(c, req.Param("sid")); !ok)
        return app.JsonFail(ok.error());
      return NoContent();
    });
  });

  router.Add("GET", "/api/v1/sponsor/{token}", [&app](http::Request& req) {
    auto view = app.team().Sponsor(req.Param("token"));
    if (!view) return app.JsonFail(view.error());
    const model::Community& c = view->community;
    json out{{"community", {{"name", c.name}, {"domain", c.domain}, {"purpose", c.purpose}}}};
    out["round"] = view->latest ? RoundJson(view->latest->first) : json(nullptr);
    out["results"] = view->latest ? TeamResultsJson(app, *view->latest->second) : json(nullptr);
    out["plan"] = view->plan ? PlanJson(*view->plan, false) : json(nullptr);
    // Only the stories their authors shared with the sponsor (value::ForSponsor).
    auto stories = app.values().SponsorStories(c);
    if (!stories) return app.JsonFail(stories.error());
    out["stories"] = StoriesJson(*stories, true);
    auto indicators = app.values().Indicators(c);
    if (!indicators) return app.JsonFail(indicators.error());
    out["indicators"] = IndicatorsJson(*indicators);
    return Json(200, out);
  });

  // ---- coordinators ----
  router.Add("POST", "/api/v1/communities/{id}/coordinators", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCommunity(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      std::vector<FieldError> errors;
      std::string email = StringField(body, "email", &errors).value_or("");
      if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kEmailInvalid));
      auto ok = app.team().InviteCoordinator(c, email, who.user.id);
      if (!ok) return app.JsonFail(ok.error());
      // 202 whether or not the email has an account: the invited person accepts it.
      return Json(202, {{"invited", auth::AccountKey(email)}});
    });
  }, {.body_limit = 4 * 1024});

  router.Add("DELETE", "/api/v1/communities/{id}/coordinators/{uid}", [&app](http::Request& req) {
    return WithCommunity(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      if (auto ok = app.team().RemoveCoordinator(c, req.Param("uid")); !ok)
        return app.JsonFail(ok.error());
      return NoContent();
    });
  });
}

}  // namespace cultivate::web
