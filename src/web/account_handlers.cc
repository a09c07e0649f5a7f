// Coordinator accounts, in HTML and JSON: sign up, sign in (throttled), sign out, the account
// page, the data export and deleting the account. The rules are auth::Accounts'.
#include "auth/security_log.h"
#include "auth/tokens.h"
#include "common/dates.h"
#include "common/message_keys.h"
#include "common/text.h"
#include "http/form.h"
#include "web/access.h"
#include "web/api_support.h"
#include "web/app.h"
#include "web/errors.h"
#include "web/account_export.h"
#include "web/value_pages.h"

namespace cultivate::web {

namespace {

using nlohmann::json;
using Kind = cultivate::Error::Kind;

constexpr const char* kFormCookie = "__Host-cultivate-form";

// Only a path of this site may follow sign-in: one leading '/', then no '/' or '\\' at once
// (which browsers read as another host), and no control or blank character anywhere (a
// browser drops tabs and line breaks, so "/\t/evil.example" would become "//evil.example").
std::string SafeNext(const std::string& next) {
  const std::string fallback = "/communities";
  if (next.size() < 2 || next[0] != '/' || next[1] == '/' || next[1] == '\\') return fallback;
  for (unsigned char c : next)
    if (c <= ' ' || c == 0x7f || c == '\\') return fallback;
  if (!ValidUtf8(next)) return fallback;
  return next;
}

// Sign-up and sign-in forms come before any session, so a cookie of their own carries the
// token they must send back (double submit).
std::string FormToken(const http::Request& req) {
  std::string token = req.Cookie(kFormCookie);
  return auth::PlausibleToken(token) ? token : auth::NewToken();
}

bool FormTokenMatches(const http::Request& req, const http::Fields& form) {
  std::string cookie = req.Cookie(kFormCookie);
  return auth::PlausibleToken(cookie) && FieldOf(form, "form_csrf") == cookie;
}

http::Response AccountForm(WebApp& app, const http::Request& req, const std::string& tmpl,
                           json m, int status) {
  std::string token = FormToken(req);
  m["noindex"] = true;
  m["form_csrf"] = token;
  http::Response r = app.Render(tmpl, m, status);
  http::CookieOptions cookie;  // Secure, HttpOnly, SameSite=Lax, Path=/, session cookie
  r.Add("Set-Cookie", http::SetCookie(kFormCookie, token, cookie));
  return NoStore(std::move(r));
}

http::Response SignUpPage(WebApp& app, const http::Request& req, const json& values,
                          const std::vector<FieldError>& errors, int status) {
  json m = app.BaseModel("/account/sign-up", app.Say(msg::kTitleSignUp), app.Say(msg::kAboutSignIn));
  m["email"] = values.value("email", "");
  m["name"] = values.value("name", "");
  m["next"] = values.value("next", "");
  json list = json::array();
  for (const auto& e : errors) {
    std::string text = app.Say(e.text);
    list.push_back({{"field", e.field}, {"message", text}});
    m["error_" + e.field] = text;
  }
  m["errors"] = list;
  m["has_errors"] = !errors.empty();
  return AccountForm(app, req, "account_sign_up", m, status);
}

http::Response SignInPage(WebApp& app, const http::Request& req, const std::string& email,
                          const std::string& next, const Message& error,
                          std::int64_t retry_after, int status) {
  json m = app.BaseModel("/account/sign-in", app.Say(msg::kTitleSignIn), app.Say(msg::kAboutSignIn));
  m["email"] = email;
  m["next"] = next;
  if (!error.empty()) m["error"] = app.Say(error);
  if (retry_after > 0) m["retry_minutes"] = (retry_after + 59) / 60;
  m["deleted"] = req.Query("deleted") == "1";
  m["signed_out"] = req.Query("signed-out") == "1";
  if (req.Query("signed-up") == "1") m["signed_up"] = app.Say(msg::kSignedUp);
  http::Response r = AccountForm(app, req, "account_sign_in", m, status);
  if (retry_after > 0) r.Set("Retry-After", std::to_string(retry_after));
  return r;
}

// After sign-up or sign-in: a new session and a redirect (HTML) or the user (JSON).
Result<std::string> StartSession(WebApp& app, const model::User& user) {
  auto session = app.sessions().Start(user);
  if (!session) return Fail(session.error());
  return SessionCookie(app.sessions(), session->token);
}

http::Response SignedOut(WebApp& app, const http::Request& req) {
  http::Response r = NoContent();
  r.Add("Set-Cookie", EndSession(app, req));
  return r;
}

json UserJson(const model::User& u) {
  return {{"id", u.id}, {"email", u.email}, {"name", u.name}, {"created_at", u.created_at}};
}

}  // namespace

void AddAccountRoutes(WebApp& app, http::Router& router) {
  // ---- HTML ----
  router.Add("GET", "/account/sign-up", [&app](http::Request& req) {
    return SignUpPage(app, req, {{"next", req.Query("next")}}, {}, 200);
  });

  router.Add("POST", "/account/sign-up", [&app](http::Request& req) {
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400);
    json values{{"email", FieldOf(*form, "email")}, {"name", FieldOf(*form, "name")},
                {"next", FieldOf(*form, "next")}};
    if (!FormTokenMatches(req, *form))
      return SignUpPage(app, req, values, {{"", "form", msg::kFormCookieMissing}}, 403);
    auto email = app.accounts().SignUp(
        {FieldOf(*form, "email"), FieldOf(*form, "password"), FieldOf(*form, "name")}, req.remote);
    if (!email) {
      auto errors = email.error().details;
      if (errors.empty()) errors.push_back({"", "", TextOf(email.error())});
      LogError(email.error());
      http::Response r = SignUpPage(app, req, values, errors, StatusOf(email.error()));
      if (email.error().kind == Kind::kThrottled)
        r.Set("Retry-After", std::to_string(email.error().retry_after));
      return r;
    }
    // The same answer whether the email was free or taken: on to signing in.
    std::string next = FieldOf(*form, "next");
    return NoStore(http::Response::Redirect(
        "/account/sign-in?signed-up=1" + (next.empty() ? "" : "&next=" + http::PercentEncode(SafeNext(next)))));
  }, {.body_limit = 8 * 1024});

  router.Add("GET", "/account/sign-in", [&app](http::Request& req) {
    if (CurrentUser(app, req)) return NoStore(http::Response::Redirect(SafeNext(req.Query("next"))));
    return SignInPage(app, req, "", req.Query("next"), {}, 0, 200);
  });

  router.Add("POST", "/account/sign-in", [&app](http::Request& req) {
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400);
    std::string email = FieldOf(*form, "email"), next = FieldOf(*form, "next");
    if (!FormTokenMatches(req, *form))
      return SignInPage(app, req, email, next, msg::kFormCookieMissing, 0, 403);
    auto user = app.accounts().SignIn(email, FieldOf(*form, "password"), req.remote);
    if (!user) {
      LogError(user.error());
      return SignInPage(app, req, email, next, TextOf(user.error()), user.error().retry_after,
                        StatusOf(user.error()));
    }
    auto cookie = StartSession(app, *user);
    if (!cookie) return app.Fail(cookie.error());
    http::Response r = http::Response::Redirect(SafeNext(next));
    r.Add("Set-Cookie", *cookie);
    return NoStore(std::move(r));
  }, {.body_limit = 8 * 1024});

  router.Add("POST", "/account/sign-out", [&app](http::Request& req) {
    if (auto who = CurrentUser(app, req)) {
      http::Response error;
      if (!SignedForm(app, req, *who, &error)) return error;
      auth::LogSecurityEvent("sign-out", std::to_string(who->user.id), req.remote);
    }
    http::Response r = http::Response::Redirect("/account/sign-in?signed-out=1");
    r.Add("Set-Cookie", EndSession(app, req));
    return NoStore(std::move(r));
  }, {.body_limit = 4 * 1024});

  router.Add("GET", "/account", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    json m = SignedModel(app, *who, "/account", app.Say(msg::kTitleAccount),
                         app.Say(msg::kAboutAccount));
    m["user"] = {{"name", who->user.name}, {"email", who->user.email},
                 {"since", FormatDate(who->user.created_at)}};
    auto communities = app.team().CommunitiesOf(who->user.id);
    if (!communities) return app.Fail(communities.error());
    json list = json::array();
    for (const auto& c : *communities) {
      auto coordinators = app.team().Coordinators(c);
      if (!coordinators) return app.Fail(coordinators.error());
      list.push_back({{"id", c.id}, {"name", c.name}, {"alone", coordinators->size() == 1}});
    }
    m["communities"] = list;
    m["has_communities"] = !list.empty();
    auto invitations = app.team().InvitationsFor(who->user);
    if (!invitations) return app.Fail(invitations.error());
    json inv = json::array();
    for (const auto& i : *invitations)
      inv.push_back({{"id", i.id}, {"community", i.community_name}, {"since", FormatDate(i.created_at)}});
    m["invitations"] = inv;
    m["has_invitations"] = !inv.empty();
    if (req.Query("declined") == "1") m["notice"] = app.Say(msg::kInvitationDeclined);
    if (!req.Query("error").empty()) m["delete_error"] = app.Say(msg::kDeletePasswordWrong);
    return NoStore(app.Render("account", m));
  });

  router.Add("GET", "/account/export", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    auto data = app.team().Export(who->user);
    if (!data) return app.Fail(data.error());
    json out = AccountExportJson(app, who->user, *data);
    if (auto ok = AddValueExport(app, who->user.id, &out); !ok) return app.Fail(ok.error());
    http::Response r = Json(200, out);
    r.Set("Content-Disposition", "attachment; filename=\"cultivate-account.json\"");
    return r;
  });

  router.Add("POST", "/account/delete", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    http::Response error;
    auto form = SignedForm(app, req, *who, &error);
    if (!form) return error;
    auto ok = app.accounts().Delete(who->user, FieldOf(*form, "password"), req.remote);
    if (!ok && ok.error().kind == Kind::kDenied)
      return NoStore(http::Response::Redirect("/account?error=password#delete"));
    if (!ok) return app.Fail(ok.error());
    http::Response r = http::Response::Redirect("/account/sign-in?deleted=1");
    r.Add("Set-Cookie", EndSession(app, req));
    return NoStore(std::move(r));
  }, {.body_limit = 4 * 1024});

  // ---- JSON ----
  router.Add("POST", "/api/v1/accounts", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    std::vector<FieldError> errors;
    auth::SignUpInput in{StringField(body, "email", &errors).value_or(""),
                         StringField(body, "password", &errors).value_or(""),
                         StringField(body, "name", &errors).value_or("")};
    if (!errors.empty()) return app.JsonFail(cultivate::Error::Fields(errors, msg::kAccountInvalid));
    auto email = app.accounts().SignUp(in, req.remote);
    if (!email) return app.JsonFail(email.error());
    // 202 whether the email was free or taken (nothing tells which): sign in next.
    http::Response r = Json(202, {{"email", *email}, {"message", app.Say(msg::kSignedUp)}});
    r.Set("Location", "/api/v1/session");
    return r;
  }, {.body_limit = 8 * 1024});

  router.Add("POST", "/api/v1/session", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    std::vector<FieldError> ignored;  // a wrong type is a wrong password
    auto user = app.accounts().SignIn(StringField(body, "email", &ignored).value_or(""),
                                      StringField(body, "password", &ignored).value_or(""),
                                      req.remote);
    if (!user) return app.JsonFail(user.error());
    auto cookie = StartSession(app, *user);
    if (!cookie) return app.JsonFail(cookie.error());
    http::Response r = Json(200, {{"user", UserJson(*user)}});
    r.Add("Set-Cookie", *cookie);
    return r;
  }, {.body_limit = 8 * 1024});

  router.Add("DELETE", "/api/v1/session", [&app](http::Request& req) {
    if (auto who = CurrentUser(app, req))
      auth::LogSecurityEvent("sign-out", std::to_string(who->user.id), req.remote);
    return SignedOut(app, req);
  });

  router.Add("GET", "/api/v1/account", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized(app);
    return Json(200, UserJson(who->user));
  });

  router.Add("GET", "/api/v1/account/export", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized(app);
    auto data = app.team().Export(who->user);
    if (!data) return app.JsonFail(data.error());
    json out = AccountExportJson(app, who->user, *data);
    if (auto ok = AddValueExport(app, who->user.id, &out); !ok) return app.JsonFail(ok.error());
    return Json(200, out);
  });

  router.Add("DELETE", "/api/v1/account", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized(app);
    json body;
    if (auto err = ParseBody(app, req, &body, false)) return *err;
    std::vector<FieldError> ignored;
    auto ok = app.accounts().Delete(who->user, StringField(body, "password", &ignored).value_or(""),
                                    req.remote);
    if (!ok && ok.error().kind == Kind::kDenied)  // signed in: the password confirms, 403
      return app.JsonError(403, TextOf(ok.error()));
    if (!ok) return app.JsonFail(ok.error());
    return SignedOut(app, req);
  }, {.body_limit = 8 * 1024});
}

}  // namespace cultivate::web
