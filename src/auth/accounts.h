#pragma once
/// Coordinator accounts as operations: sign up, sign in (throttled, the same answer and the
/// same time for an unknown email as for a wrong password) and delete, each returning a
/// result that the HTML pages and the JSON API both render.

#include <cstddef>
#include <string>

#include "auth/throttle.h"
#include "common/clock.h"
#include "common/error.h"
#include "model/account.h"
#include "store/store.h"

namespace cultivate::auth {

inline constexpr size_t kMaxEmailLength = 254;
inline constexpr size_t kMaxPersonNameLength = 200;  // code points

struct SignUpInput {
  std::string email, password, name;
};

/// Trims surrounding spaces; emails are otherwise kept as typed (compared case-insensitively).
std::string NormalizeEmail(const std::string& email);
/// The throttle's key for an email: trimmed and lower-cased (also how invitations keep it).
std::string AccountKey(const std::string& email);
/// True for an address like name@example.org (one @, a dot after it, no blanks, at most
/// kMaxEmailLength bytes).
bool ValidEmail(const std::string& email);

/// Safe for concurrent use.
class Accounts {
 public:
  Accounts(store::Store& store, LoginThrottle& throttle, HourlyLimit& sign_ups, Clock clock)
      : store_(store), throttle_(throttle), sign_ups_(sign_ups), clock_(std::move(clock)) {}

  /// Every problem with a sign-up, by field ("email", "password", "name"). Pure.
  static std::vector<FieldError> Check(const SignUpInput& input);
  /// Creates the account, unless the email already has one; both answer the same (the
  /// email as kept) in about the same time, so sign-up never tells whether an email is
  /// known, and a password that will not be stored is never hashed. kInvalid with details;
  /// kThrottled after too many sign-ups from `address`; kUnavailable when the store is.
  Result<std::string> SignUp(const SignUpInput& input, const std::string& address);
  /// The account of `email` when `password` is right. kThrottled (retry_after) after too many
  /// failures for the account or the address; kDenied for a wrong email or password.
  Result<model::User> SignIn(const std::string& email, const std::string& password,
                             const std::string& address);
  /// Deletes `user` and the communities only they coordinate, once `password` is confirmed
  /// (kDenied otherwise).
  Status Delete(const model::User& user, const std::string& password, const std::string& address);

 private:
  store::Store& store_;
  LoginThrottle& throttle_;
  HourlyLimit& sign_ups_;
  Clock clock_;
};

}  // namespace cultivate::auth
