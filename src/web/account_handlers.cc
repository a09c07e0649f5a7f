// Coordinator accounts, in HTML and JSON: sign up, sign in (throttled), sign out, the account
// page, the data export and deleting the account.
#include <algorithm>
#include <cctype>

#include "http/form.h"
#include "web/access.h"
#include "web/api_support.h"
#include "web/app.h"

namespace cultivate::web {

namespace {

using nlohmann::json;

constexpr const char* kFormCookie = "__Host-cultivate-form";

std::string AccountKey(const std::string& email) {
  std::string key = NormalizeEmail(email);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

// A hash to verify against when the email is unknown, so both cases take the same time.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("not a real password, only for timing");
  return hash;
}

struct SignInOutcome {
  enum class Kind { kOk, kWrong, kThrottled } kind = Kind::kWrong;
  store::User user;
  std::int64_t retry_after = 0;
};

SignInOutcome TrySignIn(WebApp& app, const std::string& email, const std::string& password,
                        const std::string& address) {
  SignInOutcome out;
  std::string key = AccountKey(email);
  std::int64_t now = app.options().clock();
  if (std::int64_t wait = app.throttle().RetryAfter(key, address, now); wait > 0) {
    LogSecurityEvent("throttled", key, address, "retry_after=" + std::to_string(wait));
    out.kind = SignInOutcome::Kind::kThrottled;
    out.retry_after = wait;
    return out;
  }
  auto user = key.empty() || password.size() > 4 * kMaxPasswordLength
                  ? Result<store::User>(Fail(Error::NotFound("")))
                  : app.store().FindUserByEmail(NormalizeEmail(email));
  bool ok = user ? VerifyPassword(password, user->password_hash)
                 : (VerifyPassword(password, DummyHash()), false);
  if (!ok) {
    app.throttle().Failed(key, address, now);
    LogSecurityEvent("sign-in-failed", key, address);
    return out;
  }
  app.throttle().Succeeded(key);
  LogSecurityEvent("sign-in", std::to_string(user->id), address);
  out.kind = SignInOutcome::Kind::kOk;
  out.user = std::move(*user);
  return out;
}

// Only a local path may follow sign-in (never another site).
std::string SafeNext(const std::string& next) {
  if (next.size() < 2 || next[0] != '/' || next[1] == '/' || next[1] == '\\')
    return "/communities";
  if (next.find_first_of("\r\n") != std::string::npos) return "/communities";
  return next;
}

std::string FormToken(const http::Request& req) {
  std::string token = req.Cookie(kFormCookie);
  return PlausibleToken(token) ? token : NewToken();
}

void SetFormCookie(http::Response& r, const std::string& token) {
  http::CookieOptions cookie;  // Secure, HttpOnly, SameSite=Lax, Path=/, session cookie
  r.Add("Set-Cookie", http::SetCookie(kFormCookie, token, cookie));
}

bool FormTokenMatches(const http::Request& req, const http::Fields& form) {
  std::string cookie = req.Cookie(kFormCookie);
  return PlausibleToken(cookie) && FieldOf(form, "form_csrf") == cookie;
}

http::Response SignUpPage(WebApp& app, const http::Request& req, const json& values,
                          const std::vector<FieldError>& errors, int status) {
  json m = app.BaseModel("/account/sign-up", "Create a coordinator account",
                         "Coordinators sign in to run team check-ups for their community.");
  m["noindex"] = true;
  std::string token = FormToken(req);
  m["form_csrf"] = token;
  m["email"] = values.value("email", "");
  m["name"] = values.value("name", "");
  m["next"] = values.value("next", "");
  json list = json::array();
  for (const auto& e : errors) {
    list.push_back({{"field", e.field}, {"message", e.message}});
    m["error_" + e.field] = e.message;
  }
  m["errors"] = list;
  m["has_errors"] = !errors.empty();
  http::Response r = app.Render("account_sign_up", m, status);
  SetFormCookie(r, token);
  return NoStore(std::move(r));
}

http::Response SignInPage(WebApp& app, const http::Request& req, const std::string& email,
                          const std::string& next, const std::string& error,
                          std::int64_t retry_after, int status) {
  json m = app.BaseModel("/account/sign-in", "Sign in",
                         "Coordinators sign in to run team check-ups for their community.");
  m["noindex"] = true;
  std::string token = FormToken(req);
  m["form_csrf"] = token;
  m["email"] = email;
  m["next"] = next;
  if (!error.empty()) m["error"] = error;
  if (retry_after > 0) m["retry_minutes"] = (retry_after + 59) / 60;
  m["deleted"] = req.Query("deleted") == "1";
  m["signed_out"] = req.Query("signed-out") == "1";
  http::Response r = app.Render("account_sign_in", m, status);
  if (retry_after > 0) r.Set("Retry-After", std::to_string(retry_after));
  SetFormCookie(r, token);
  return NoStore(std::move(r));
}

const char* kWrongPassword = "That email and password do not match an account.";
const char* kThrottledMessage =
    "Too many failed attempts. For your safety, signing in is paused for a while.";

std::vector<FieldError> CreateAccount(WebApp& app, const std::string& email,
                                      const std::string& password, const std::string& name,
                                      const std::string& address, store::User* created,
                                      bool* unavailable) {
  std::string clean = NormalizeEmail(email);
  auto errors = CheckSignUp(clean, password, name);
  if (!errors.empty()) return errors;
  store::User user{0, clean, NormalizeEmail(name), HashPassword(password), 0};
  auto id = app.store().CreateUser(user);
  if (!id) {
    if (id.error().kind == Error::Kind::kConflict)
      return {{"", "email", "There is already an account with this email. Sign in instead."}};
    *unavailable = true;
    return {{"", "", "The account could not be saved. Please try again."}};
  }
  user.id = *id;
  LogSecurityEvent("sign-up", std::to_string(user.id), address);
  *created = user;
  return {};
}

// 204 that also clears the session cookie (the session is gone on the server).
http::Response SignedOut(WebApp& app, const http::Request& req) {
  http::Response r = http::Response::Json(204, "");
  r.body.clear();
  r.Set("Cache-Control", "no-store");
  r.Add("Set-Cookie", app.sessions().End(req));
  return r;
}

json UserJson(const store::User& u) {
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
      return SignUpPage(app, req, values,
                        {{"", "form", "Your browser did not send back this form's security "
                                      "cookie. Allow cookies for this site and try again."}},
                        403);
    store::User user;
    bool unavailable = false;
    auto errors = CreateAccount(app, FieldOf(*form, "email"), FieldOf(*form, "password"),
                                FieldOf(*form, "name"), req.remote, &user, &unavailable);
    if (!errors.empty()) return SignUpPage(app, req, values, errors, unavailable ? 503 : 422);
    auto cookie = app.sessions().Start(user);
    if (!cookie) return app.Error(503);
    http::Response r = http::Response::Redirect(SafeNext(FieldOf(*form, "next")));
    r.Add("Set-Cookie", *cookie);
    return NoStore(std::move(r));
  }, {.body_limit = 8 * 1024});

  router.Add("GET", "/account/sign-in", [&app](http::Request& req) {
    if (CurrentUser(app, req)) return NoStore(http::Response::Redirect(SafeNext(req.Query("next"))));
    return SignInPage(app, req, "", req.Query("next"), "", 0, 200);
  });

  router.Add("POST", "/account/sign-in", [&app](http::Request& req) {
    auto form = http::ParseForm(req.body);
    if (!form) return app.Error(400);
    std::string email = FieldOf(*form, "email"), next = FieldOf(*form, "next");
    if (!FormTokenMatches(req, *form))
      return SignInPage(app, req, email, next,
                        "Your browser did not send back this form's security cookie. Allow "
                        "cookies for this site and try again.",
                        0, 403);
    auto outcome = TrySignIn(app, email, FieldOf(*form, "password"), req.remote);
    if (outcome.kind == SignInOutcome::Kind::kThrottled)
      return SignInPage(app, req, email, next, kThrottledMessage, outcome.retry_after, 429);
    if (outcome.kind == SignInOutcome::Kind::kWrong)
      return SignInPage(app, req, email, next, kWrongPassword, 0, 401);
    auto cookie = app.sessions().Start(outcome.user);
    if (!cookie) return app.Error(503);
    http::Response r = http::Response::Redirect(SafeNext(next));
    r.Add("Set-Cookie", *cookie);
    return NoStore(std::move(r));
  }, {.body_limit = 8 * 1024});

  router.Add("POST", "/account/sign-out", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    http::Response r = http::Response::Redirect("/account/sign-in?signed-out=1");
    if (who) {
      http::Response error;
      if (!SignedForm(app, req, *who, &error)) return error;
      LogSecurityEvent("sign-out", std::to_string(who->user.id), req.remote);
    }
    r.Add("Set-Cookie", app.sessions().End(req));
    return NoStore(std::move(r));
  }, {.body_limit = 4 * 1024});

  router.Add("GET", "/account", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    json m = SignedModel(app, *who, "/account", "Your account",
                         "Your coordinator account: your data and how to delete it.");
    m["user"] = {{"name", who->user.name}, {"email", who->user.email},
                 {"since", FormatDate(who->user.created_at)}};
    auto communities = app.store().UserCommunities(who->user.id);
    if (!communities) return PageStoreError(app, communities.error());
    json list = json::array();
    for (const auto& c : *communities) {
      auto coordinators = app.store().Coordinators(c.id);
      bool alone = coordinators && coordinators->size() == 1;
      list.push_back({{"id", c.id}, {"name", c.name}, {"alone", alone}});
    }
    m["communities"] = list;
    m["has_communities"] = !list.empty();
    if (!req.Query("error").empty())
      m["delete_error"] = "That password is not right, so nothing was deleted.";
    return NoStore(app.Render("account", m));
  });

  router.Add("GET", "/account/export", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    auto data = app.Team().ExportUser(who->user);
    if (!data) return PageStoreError(app, data.error());
    http::Response r = Json(200, *data);
    r.Set("Content-Disposition", "attachment; filename=\"cultivate-account.json\"");
    return r;
  });

  router.Add("POST", "/account/delete", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return ToSignIn(req);
    http::Response error;
    auto form = SignedForm(app, req, *who, &error);
    if (!form) return error;
    if (!VerifyPassword(FieldOf(*form, "password"), who->user.password_hash))
      return NoStore(http::Response::Redirect("/account?error=password#delete"));
    if (auto ok = app.store().DeleteUser(who->user.id); !ok) return PageStoreError(app, ok.error());
    LogSecurityEvent("account-deleted", std::to_string(who->user.id), req.remote);
    http::Response r = http::Response::Redirect("/account/sign-in?deleted=1");
    r.Add("Set-Cookie", app.sessions().End(req));
    return NoStore(std::move(r));
  }, {.body_limit = 4 * 1024});

  // ---- JSON ----
  router.Add("POST", "/api/v1/accounts", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, false)) return *err;
    auto str = [&](const char* key) {
      return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
    };
    store::User user;
    bool unavailable = false;
    auto errors = CreateAccount(app, str("email"), str("password"), str("name"), req.remote,
                                &user, &unavailable);
    if (unavailable) return WebApp::JsonError(503, "the account could not be saved; try again");
    if (!errors.empty()) {
      bool taken = errors.size() == 1 && errors[0].message.find("already") != std::string::npos;
      return WebApp::JsonError(taken ? 409 : 422,
                               taken ? "an account with this email exists" : "the account is invalid",
                               ErrorsJson(errors));
    }
    http::Response r = Json(201, UserJson(user));
    r.Set("Location", "/api/v1/account");
    return r;
  }, {.body_limit = 8 * 1024});

  router.Add("POST", "/api/v1/session", [&app](http::Request& req) {
    json body;
    if (auto err = ParseBody(req, &body, false)) return *err;
    auto str = [&](const char* key) {
      return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : "";
    };
    auto outcome = TrySignIn(app, str("email"), str("password"), req.remote);
    if (outcome.kind == SignInOutcome::Kind::kThrottled) {
      http::Response r = WebApp::JsonError(429, "too many failed sign-ins; try again later");
      r.Set("Retry-After", std::to_string(outcome.retry_after));
      return r;
    }
    if (outcome.kind == SignInOutcome::Kind::kWrong)
      return WebApp::JsonError(401, "email and password do not match an account");
    std::string csrf;
    auto cookie = app.sessions().Start(outcome.user, &csrf);
    if (!cookie) return JsonStoreError(cookie.error());
    http::Response r = Json(200, {{"user", UserJson(outcome.user)}});
    r.Add("Set-Cookie", *cookie);
    return r;
  }, {.body_limit = 8 * 1024});

  router.Add("DELETE", "/api/v1/session", [&app](http::Request& req) {
    if (auto who = CurrentUser(app, req))
      LogSecurityEvent("sign-out", std::to_string(who->user.id), req.remote);
    return SignedOut(app, req);
  });

  router.Add("GET", "/api/v1/account", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized();
    return Json(200, UserJson(who->user));
  });

  router.Add("GET", "/api/v1/account/export", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized();
    auto data = app.Team().ExportUser(who->user);
    if (!data) return JsonStoreError(data.error());
    return Json(200, *data);
  });

  router.Add("DELETE", "/api/v1/account", [&app](http::Request& req) {
    auto who = CurrentUser(app, req);
    if (!who) return Unauthorized();
    json body;
    if (auto err = ParseBody(req, &body, false)) return *err;
    std::string password = body.contains("password") && body["password"].is_string()
                               ? body["password"].get<std::string>()
                               : "";
    if (!VerifyPassword(password, who->user.password_hash))
      return WebApp::JsonError(403, "confirm with your password: {\"password\": \"...\"}");
    if (auto ok = app.store().DeleteUser(who->user.id); !ok) return JsonStoreError(ok.error());
    LogSecurityEvent("account-deleted", std::to_string(who->user.id), req.remote);
    return SignedOut(app, req);
  }, {.body_limit = 8 * 1024});
}

}  // namespace cultivate::web
