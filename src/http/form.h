#pragma once
/// Percent-decoding, query and application/x-www-form-urlencoded parsing, UTF-8 checks,
/// and cookies. Every decoder rejects malformed input instead of guessing.

#include <optional>
#include <string>
#include <string_view>

#include "common/text.h"
#include "http/request.h"

namespace cultivate::http {

using cultivate::ValidUtf8;  // common/text.h

/// Decodes %XX escapes; when `plus_is_space`, '+' becomes ' ' (form encoding).
/// Empty optional on a bad escape, on invalid UTF-8 or on a decoded NUL.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

/// Percent-encodes everything but unreserved characters (RFC 3986).
std::string PercentEncode(std::string_view s);

/// Parses `a=1&b=two` (query strings and form bodies). Empty optional on any malformed pair.
std::optional<Fields> ParseForm(std::string_view s);

/// Parses a Cookie header into name -> value (first one wins). Ignores malformed pieces.
std::map<std::string, std::string> ParseCookies(std::string_view header);

struct CookieOptions {
  std::string path = "/";
  int max_age = -1;  // seconds; -1 = session cookie; 0 = delete
  bool http_only = true;
  bool secure = true;
  std::string same_site = "Lax";
};

/// A Set-Cookie header value.
std::string SetCookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace cultivate::http
