// Value creation in the JSON API (issue 16): a check-up's own stories (a member's or a solo
// user's, behind the check-up token), a community's stories, indicators and value matrix
// (its coordinators), with edit and delete of one's own story.
#include "common/message_keys.h"
#include "web/access.h"
#include "web/api_support.h"
#include "web/value_json.h"
#include "web/value_pages.h"

namespace cultivate::web {

using nlohmann::json;

namespace {

// Runs `f` with the teller of the check-up in the path (its community, if a member's).
template <typename F>
http::Response WithCheckupTeller(WebApp& app, const http::Request& req, F&& f) {
  auto teller = CheckupTeller(app, req.Param("token"));
  if (!teller) return app.JsonFail(teller.error());
  return f(*teller);
}

// Runs `f` for a signed-in coordinator of the community in the path; 401 or 404 otherwise.
template <typename F>
http::Response WithCoordinator(WebApp& app, const http::Request& req, F&& f) {
  auto who = CurrentUser(app, req);
  if (!who) return Unauthorized(app);
  auto community = app.team().Coordinated(who->user.id, req.Param("id"));
  if (!community) return app.JsonFail(community.error());
  return f(*who, *community);
}

value::Teller CoordinatorTeller(const auth::SignedIn& who, const model::Community& c) {
  return {.community = c.id, .user = who.user.id, .coordinator = true};
}

http::Response TellJson(WebApp& app, const value::Teller& teller, const json& body,
                        const std::string& base) {
  std::vector<FieldError> errors;
  auto input = StoryFromJson(body, &errors);
  if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kStoryNotSaved));
  auto story = app.values().Tell(teller, input);
  if (!story) return app.JsonFail(story.error());
  http::Response r = Json(201, StoryJson(*story));
  r.Set("Location", base + "/" + std::to_string(story->id));
  return r;
}

http::Response EditJson(WebApp& app, const value::Teller& teller, const json& body,
                        const std::string& id) {
  std::vector<FieldError> errors;
  auto input = StoryFromJson(body, &errors);
  if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kStoryNotSaved));
  auto story = app.values().Edit(teller, id, input);
  if (!story) return app.JsonFail(story.error());
  return Json(200, StoryJson(*story));
}

constexpr std::size_t kStoryBody = 64 * 1024;

}  // namespace

void AddValueApiRoutes(WebApp& app, http::Router& router) {
  // ---- a check-up's own stories ----
  router.Add("GET", "/api/v1/checkups/{token}/stories", [&app](http::Request& req) {
    return WithCheckupTeller(app, req, [&](const value::Teller& teller) {
      auto own = app.values().Own(teller);
      if (!own) return app.JsonFail(own.error());
      return Json(200, {{"stories", StoriesJson(*own)}});
    });
  });
  router.Add("POST", "/api/v1/checkups/{token}/stories", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCheckupTeller(app, req, [&](const value::Teller& teller) {
      return TellJson(app, teller, body, "/api/v1/checkups/" + req.Param("token") + "/stories");
    });
  }, {.body_limit = kStoryBody});
  router.Add("GET", "/api/v1/checkups/{token}/stories/{sid}", [&app](http::Request& req) {
    return WithCheckupTeller(app, req, [&](const value::Teller& teller) {
      auto story = app.values().Find(teller, req.Param("sid"));
      if (!story) return app.JsonFail(story.error());
      return Json(200, StoryJson(*story));
    });
  });
  router.Add("PUT", "/api/v1/checkups/{token}/stories/{sid}", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCheckupTeller(app, req, [&](const value::Teller& teller) {
      return EditJson(app, teller, body, req.Param("sid"));
    });
  }, {.body_limit = kStoryBody});
  router.Add("DELETE", "/api/v1/checkups/{token}/stories/{sid}", [&app](http::Request& req) {
    return WithCheckupTeller(app, req, [&](const value::Teller& teller) {
      if (auto ok = app.values().Remove(teller, req.Param("sid")); !ok)
        return app.JsonFail(ok.error());
      return NoContent();
    });
  });

  // ---- a community's stories (its coordinators) ----
  router.Add("GET", "/api/v1/communities/{id}/stories", [&app](http::Request& req) {
    return WithCoordinator(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      auto all = app.values().CommunityStories(c);
      if (!all) return app.JsonFail(all.error());
      return Json(200, {{"stories", StoriesJson(*all)}});
    });
  });
  router.Add("POST", "/api/v1/communities/{id}/stories", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCoordinator(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      return TellJson(app, CoordinatorTeller(who, c), body,
                      "/api/v1/communities/" + std::to_string(c.id) + "/stories");
    });
  }, {.body_limit = kStoryBody});
  router.Add("PUT", "/api/v1/communities/{id}/stories/{sid}", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCoordinator(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      return EditJson(app, CoordinatorTeller(who, c), body, req.Param("sid"));
    });
  }, {.body_limit = kStoryBody});
  router.Add("DELETE", "/api/v1/communities/{id}/stories/{sid}", [&app](http::Request& req) {
    return WithCoordinator(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      if (auto ok = app.values().Remove(CoordinatorTeller(who, c), req.Param("sid")); !ok)
        return app.JsonFail(ok.error());
      return NoContent();
    });
  });

  // ---- indicators, the matrix and the ask ----
  router.Add("GET", "/api/v1/communities/{id}/indicators", [&app](http::Request& req) {
    return WithCoordinator(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      auto all = app.values().Indicators(c);
      if (!all) return app.JsonFail(all.error());
      return Json(200, {{"indicators", IndicatorsJson(*all)}});
    });
  });
  router.Add("POST", "/api/v1/communities/{id}/indicators", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCoordinator(app, req, [&](const auth::SignedIn& who, const model::Community& c) {
      std::vector<FieldError> errors;
      auto input = IndicatorFromJson(body, &errors);
      if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kInvalid));
      auto made = app.values().Record(c, who.user.id, input);
      if (!made) return app.JsonFail(made.error());
      return Json(201, IndicatorJson(*made));
    });
  }, {.body_limit = 16 * 1024});
  router.Add("DELETE", "/api/v1/communities/{id}/indicators/{iid}", [&app](http::Request& req) {
    return WithCoordinator(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      if (auto ok = app.values().RemoveIndicator(c, req.Param("iid")); !ok)
        return app.JsonFail(ok.error());
      return NoContent();
    });
  });
  router.Add("GET", "/api/v1/communities/{id}/value", [&app](http::Request& req) {
    return WithCoordinator(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      auto matrix = app.values().MatrixOf(c, req.Query("year"));
      if (!matrix) return app.JsonFail(matrix.error());
      auto ask = app.values().Ask(c);
      if (!ask) return app.JsonFail(ask.error());
      json out = MatrixJson(app, *matrix);
      out["ask"] = *ask;
      return Json(200, out);
    });
  });
  router.Add("PUT", "/api/v1/communities/{id}/ask", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    return WithCoordinator(app, req, [&](const auth::SignedIn&, const model::Community& c) {
      std::vector<FieldError> errors;
      std::string ask = StringField(body, "ask", &errors).value_or("");
      if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kInvalid));
      if (auto ok = app.values().SaveAsk(c, ask); !ok) return app.JsonFail(ok.error());
      return Json(200, {{"ask", ask}});
    });
  }, {.body_limit = 16 * 1024});
}

}  // namespace cultivate::web
