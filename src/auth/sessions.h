#pragma once
/// Signed-in sessions of coordinators, kept in the store: only the hash of the cookie value
/// is stored, each has a CSRF token for forms, and it ends after a time idle or in all.
/// Members and sponsors never sign in: they use private links instead.

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/error.h"
#include "model/account.h"
#include "store/store.h"

namespace cultivate::auth {

struct SessionOptions {
  std::int64_t idle_seconds = 12 * 3600;          // signed out after this long without a request
  std::int64_t absolute_seconds = 7 * 24 * 3600;  // and this long after signing in, regardless
};

/// The person behind a request, when signed in.
struct SignedIn {
  model::User user;
  model::Session session;
};

/// A session just started: the cookie value (shown once, never stored) and its CSRF token.
struct NewSession {
  std::string token;
  std::string csrf;
};

/// Safe for concurrent use (the store is).
class Sessions {
 public:
  Sessions(store::Store& store, Clock clock, SessionOptions options)
      : store_(store), clock_(std::move(clock)), options_(options) {}

  /// Starts a new session for `user` (a fresh id every time: no fixation).
  Result<NewSession> Start(const model::User& user);
  /// The signed-in user of the cookie value `token`, or empty (none, unknown, expired: an
  /// expired session is deleted). Touches the session at most once a minute.
  std::optional<SignedIn> Current(const std::string& token, const std::string& address);
  /// Deletes the session of `token`, if any.
  void End(const std::string& token);
  /// True when `token` is the session's CSRF token (constant-time comparison).
  static bool CsrfMatches(const model::Session& session, const std::string& token);

  const SessionOptions& options() const { return options_; }
  std::int64_t now() const { return clock_(); }

 private:
  store::Store& store_;
  Clock clock_;
  SessionOptions options_;
};

}  // namespace cultivate::auth
