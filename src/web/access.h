#pragma once
/// Who is asking, for the account and team handlers: the signed-in coordinator (HTML pages
/// redirect to sign-in, the API answers 401), the session cookie, CSRF checks for forms,
/// and form helpers.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/sessions.h"
#include "http/request.h"
#include "web/app.h"

namespace cultivate::web {

inline constexpr const char* kSessionCookie = "__Host-cultivate-session";

/// The first value of `key` in a parsed form, or "".
std::string FieldOf(const http::Fields& form, const std::string& key);

/// The signed-in coordinator, or empty.
std::optional<auth::SignedIn> CurrentUser(WebApp& app, const http::Request& req);
/// The Set-Cookie value that carries a new session / that clears it.
std::string SessionCookie(const auth::Sessions& sessions, const std::string& token);
std::string ClearSessionCookie();
/// Ends the request's session, if any; returns the Set-Cookie that clears the cookie.
std::string EndSession(WebApp& app, const http::Request& req);
/// A 303 to the sign-in page that comes back to `req`'s path afterwards.
http::Response ToSignIn(const http::Request& req);
/// For JSON handlers: 401 when nobody is signed in.
http::Response Unauthorized(WebApp& app);

/// Parses a form POST of a signed-in coordinator and checks its CSRF token. Returns the
/// fields, or sets `error` to the response to send (400 for a bad body, 403 for a missing
/// or wrong token, with a page that explains and links back).
std::optional<http::Fields> SignedForm(WebApp& app, const http::Request& req,
                                       const auth::SignedIn& who, http::Response* error);

/// The view model every signed-in page starts from: BaseModel plus csrf and user_name,
/// and noindex (private pages are never indexed).
nlohmann::json SignedModel(WebApp& app, const auth::SignedIn& who, const std::string& path,
                           const std::string& title, const std::string& description);

/// `r` with Cache-Control: no-store (private pages and redirects after a change).
http::Response NoStore(http::Response r);
/// A 204 that is never cached.
http::Response NoContent();

}  // namespace cultivate::web
