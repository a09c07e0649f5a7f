#pragma once
/// Who is asking, for the account and team handlers: the signed-in coordinator (HTML pages
/// redirect to sign-in, the API answers 401), CSRF checks for forms, and form helpers.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/request.h"
#include "web/app.h"
#include "web/auth.h"

namespace cultivate::web {

/// The first value of `key` in a parsed form, or "".
std::string FieldOf(const http::Fields& form, const std::string& key);

/// The signed-in coordinator, or empty.
std::optional<SignedIn> CurrentUser(WebApp& app, const http::Request& req);
/// A 303 to the sign-in page that comes back to `req`'s path afterwards.
http::Response ToSignIn(const http::Request& req);
/// For JSON handlers: 401 when nobody is signed in.
http::Response Unauthorized();

/// Parses a form POST of a signed-in coordinator and checks its CSRF token. Returns the
/// fields, or sets `error` to the response to send (400 for a bad body, 403 for a missing
/// or wrong token, with a page that explains and links back).
std::optional<http::Fields> SignedForm(WebApp& app, const http::Request& req,
                                       const SignedIn& who, http::Response* error);

/// The view model every signed-in page starts from: BaseModel plus csrf and user_name,
/// and noindex (private pages are never indexed).
nlohmann::json SignedModel(WebApp& app, const SignedIn& who, const std::string& path,
                           const std::string& title, const std::string& description);

/// `r` with Cache-Control: no-store (private pages and redirects after a change).
http::Response NoStore(http::Response r);
/// The request's Host header, or "".
std::string RequestHost(const http::Request& req);

/// A store error as an HTML page: not found -> 404, busy -> 503, else 500.
http::Response PageStoreError(WebApp& app, const Error& e);
/// A store error as JSON: not found -> 404, conflict -> 409, invalid -> 422, busy -> 503.
http::Response JsonStoreError(const Error& e);

}  // namespace cultivate::web
