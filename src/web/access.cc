#include "web/access.h"

#include "http/form.h"
#include "web/api_support.h"

namespace cultivate::web {

std::string FieldOf(const http::Fields& form, const std::string& key) {
  for (const auto& [k, v] : form)
    if (k == key) return v;
  return "";
}

std::optional<SignedIn> CurrentUser(WebApp& app, const http::Request& req) {
  return app.sessions().Current(req);
}

http::Response ToSignIn(const http::Request& req) {
  http::Response r = http::Response::Redirect("/account/sign-in?next=" +
                                              http::PercentEncode(req.path));
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response Unauthorized() {
  return WebApp::JsonError(401, "sign in first: POST /api/v1/session");
}

std::optional<http::Fields> SignedForm(WebApp& app, const http::Request& req,
                                       const SignedIn& who, http::Response* error) {
  auto form = http::ParseForm(req.body);
  if (!form) {
    *error = app.Error(400);
    return std::nullopt;
  }
  if (!Sessions::CsrfMatches(who.session, FieldOf(*form, "csrf"))) {
    LogSecurityEvent("csrf-rejected", std::to_string(who.user.id), req.remote, req.path);
    *error = app.Error(403, "This form was out of date or did not come from this site. Nothing "
                            "was changed: go back, reload the page and try again.");
    return std::nullopt;
  }
  return form;
}

nlohmann::json SignedModel(WebApp& app, const SignedIn& who, const std::string& path,
                           const std::string& title, const std::string& description) {
  nlohmann::json m = app.BaseModel(path, title, description);
  m["csrf"] = who.session.csrf;
  m["user_name"] = who.user.name;
  m["signed_in"] = true;
  m["noindex"] = true;
  return m;
}

http::Response NoStore(http::Response r) {
  r.Set("Cache-Control", "no-store");
  return r;
}

std::string RequestHost(const http::Request& req) {
  const std::string* host = req.Header("Host");
  return host ? *host : "";
}

http::Response PageStoreError(WebApp& app, const Error& e) {
  if (e.kind == Error::Kind::kNotFound) return app.Error(404);
  if (e.kind == Error::Kind::kUnavailable) return app.Error(503);
  return app.Error(500);
}

http::Response JsonStoreError(const Error& e) {
  switch (e.kind) {
    case Error::Kind::kNotFound: return WebApp::JsonError(404, "not found");
    case Error::Kind::kConflict: return WebApp::JsonError(409, e.message);
    case Error::Kind::kInvalid: return WebApp::JsonError(422, e.message);
    case Error::Kind::kUnavailable:
      return WebApp::JsonError(503, "the store is busy or unavailable; nothing was saved, try again");
    default: return WebApp::JsonError(500, "something went wrong; nothing was saved");
  }
}

}  // namespace cultivate::web
