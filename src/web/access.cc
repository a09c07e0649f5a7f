#include "web/access.h"

#include "auth/security_log.h"
#include "common/message_keys.h"
#include "http/form.h"

namespace cultivate::web {

std::string FieldOf(const http::Fields& form, const std::string& key) {
  for (const auto& [k, v] : form)
    if (k == key) return v;
  return "";
}

std::optional<auth::SignedIn> CurrentUser(WebApp& app, const http::Request& req) {
  return app.sessions().Current(req.Cookie(kSessionCookie), req.remote);
}

std::string SessionCookie(const auth::Sessions& sessions, const std::string& token) {
  http::CookieOptions cookie;
  cookie.max_age = static_cast<int>(sessions.options().absolute_seconds);
  return http::SetCookie(kSessionCookie, token, cookie);
}

std::string ClearSessionCookie() {
  http::CookieOptions cookie;
  cookie.max_age = 0;
  return http::SetCookie(kSessionCookie, "", cookie);
}

std::string EndSession(WebApp& app, const http::Request& req) {
  app.sessions().End(req.Cookie(kSessionCookie));
  return ClearSessionCookie();
}

http::Response ToSignIn(const http::Request& req) {
  http::Response r = http::Response::Redirect("/account/sign-in?next=" +
                                              http::PercentEncode(req.path));
  r.Set("Cache-Control", "no-store");
  return r;
}

http::Response Unauthorized(WebApp& app) { return app.JsonError(401, msg::kSignInFirst); }

std::optional<http::Fields> SignedForm(WebApp& app, const http::Request& req,
                                       const auth::SignedIn& who, http::Response* error) {
  auto form = http::ParseForm(req.body);
  if (!form) {
    *error = app.Error(400);
    return std::nullopt;
  }
  if (!auth::Sessions::CsrfMatches(who.session, FieldOf(*form, "csrf"))) {
    auth::LogSecurityEvent("csrf-rejected", std::to_string(who.user.id), req.remote, req.path);
    *error = app.Error(403, msg::kFormOutOfDate);
    return std::nullopt;
  }
  return form;
}

nlohmann::json SignedModel(WebApp& app, const auth::SignedIn& who, const std::string& path,
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

http::Response NoContent() {
  http::Response r = http::Response::Json(204, "");
  r.body.clear();
  r.Set("Cache-Control", "no-store");
  return r;
}

}  // namespace cultivate::web
