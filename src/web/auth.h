#pragma once
/// Coordinator accounts: the password rules, argon2id hashing through libsodium, sessions
/// kept in the store behind a __Host- cookie, CSRF tokens for HTML forms, throttling of
/// failed sign-ins, and the security event log. Members and sponsors never sign in: they
/// use private links instead.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "http/request.h"
#include "store/clock.h"
#include "store/store.h"
#include "web/checkup_service.h"

namespace cultivate::web {

inline constexpr size_t kMinPasswordLength = 12;   // code points
inline constexpr size_t kMaxPasswordLength = 128;  // code points
inline constexpr size_t kMaxEmailLength = 254;
inline constexpr const char* kSessionCookie = "__Host-cultivate-session";

/// Argon2id with at least 19 MiB of memory and 2 passes (OWASP's minimum); the result is the
/// self-describing string libsodium makes, so parameters can be raised later.
std::string HashPassword(const std::string& password);
/// True when `password` matches `hash` (constant time inside libsodium).
bool VerifyPassword(const std::string& password, const std::string& hash);

/// Problems with a sign-up: field ("email", "password", "name") and message.
std::vector<FieldError> CheckSignUp(const std::string& email, const std::string& password,
                                    const std::string& name);
/// Trims surrounding spaces; emails are otherwise kept as typed (compared case-insensitively).
std::string NormalizeEmail(const std::string& email);

/// Counts failed sign-ins in a sliding window, per account and per address, in memory (one
/// process; see docs/operating.md). Safe for concurrent use; memory is bounded.
class LoginThrottle {
 public:
  struct Limits {
    int per_account = 10;
    int per_address = 30;
    std::int64_t window_seconds = 15 * 60;
  };
  LoginThrottle() = default;
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  /// Seconds until another attempt is allowed, or 0 when it is allowed now.
  std::int64_t RetryAfter(const std::string& account, const std::string& address,
                          std::int64_t now);
  void Failed(const std::string& account, const std::string& address, std::int64_t now);
  /// A successful sign-in clears the account's failures (not the address's).
  void Succeeded(const std::string& account);

 private:
  using Times = std::deque<std::int64_t>;
  std::int64_t Wait(Times& times, int limit, std::int64_t now);
  void Trim(Times& times, std::int64_t now);

  Limits limits_;
  std::mutex mu_;
  std::map<std::string, Times> accounts_;   // guarded by mu_
  std::map<std::string, Times> addresses_;  // guarded by mu_
};

/// Writes one line to the log for a security event (sign-in, sign-in-failed, throttled,
/// sign-out, sign-up, account-deleted, ...). Never give it passwords or tokens.
void LogSecurityEvent(const std::string& event, const std::string& account,
                      const std::string& address, const std::string& detail = "");

struct SessionOptions {
  std::int64_t idle_seconds = 12 * 3600;        // signed out after this long without a request
  std::int64_t absolute_seconds = 7 * 24 * 3600;  // and this long after signing in, regardless
};

/// The person behind a request, when signed in.
struct SignedIn {
  store::User user;
  store::Session session;
};

class Sessions {
 public:
  Sessions(store::Store& store, store::Clock clock, SessionOptions options)
      : store_(store), clock_(std::move(clock)), options_(options) {}

  /// Starts a new session (a fresh id every time: no fixation) and returns the Set-Cookie
  /// value to send.
  Result<std::string> Start(const store::User& user, std::string* csrf = nullptr);
  /// The signed-in user of a request, or empty (no cookie, unknown, expired: an expired
  /// session is deleted). Touches the session at most once a minute.
  std::optional<SignedIn> Current(const http::Request& request);
  /// Deletes the request's session, if any, and returns the Set-Cookie that clears it.
  std::string End(const http::Request& request);
  /// True when `token` is the session's CSRF token (constant-time comparison).
  static bool CsrfMatches(const store::Session& session, const std::string& token);

  std::int64_t now() const { return clock_(); }

 private:
  store::Store& store_;
  store::Clock clock_;
  SessionOptions options_;
};

}  // namespace cultivate::web
