#include "auth/accounts.h"

#include <algorithm>
#include <cctype>
#include <thread>

#include "auth/passwords.h"
#include "auth/security_log.h"
#include "common/message_keys.h"
#include "common/text.h"

namespace cultivate::auth {

using Kind = Error::Kind;

std::string NormalizeEmail(const std::string& email) { return Trim(email); }

std::string AccountKey(const std::string& email) {
  std::string key = NormalizeEmail(email);
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return key;
}

bool ValidEmail(const std::string& email) {
  size_t at = email.find('@');
  return ValidUtf8(email) && !email.empty() && email.size() <= kMaxEmailLength &&
         at != std::string::npos && at > 0 && at + 1 < email.size() &&
         email.find('@', at + 1) == std::string::npos &&
         email.find('.', at + 2) != std::string::npos && email.back() != '.' &&
         std::none_of(email.begin(), email.end(), [](char c) {
           return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
         });
}

std::vector<FieldError> Accounts::Check(const SignUpInput& in) {
  std::vector<FieldError> errors;
  bool email_ok = ValidEmail(in.email);
  if (!email_ok) errors.push_back({"", "email", msg::kEmailInvalid});
  if (!ValidUtf8(in.password))
    errors.push_back({"", "password", msg::kNotText});
  else if (CodePoints(in.password) < kMinPasswordLength)
    errors.push_back({"", "password", {msg::kPasswordTooShort, {Arg("min", kMinPasswordLength)}}});
  else if (CodePoints(in.password) > kMaxPasswordLength)
    errors.push_back({"", "password", {msg::kTooLong, {Arg("max", kMaxPasswordLength)}}});
  if (!ValidUtf8(in.name) || Trim(in.name).empty())
    errors.push_back({"", "name", msg::kPersonNameMissing});
  else if (CodePoints(in.name) > kMaxPersonNameLength)
    errors.push_back({"", "name", {msg::kTooLong, {Arg("max", kMaxPersonNameLength)}}});
  return errors;
}

Result<std::string> Accounts::SignUp(const SignUpInput& input, const std::string& address) {
  SignUpInput in{NormalizeEmail(input.email), input.password, input.name};
  auto errors = Check(in);
  if (!errors.empty()) return Fail(Error::Fields(std::move(errors), msg::kAccountInvalid));
  if (std::int64_t wait = sign_ups_.Attempt(address, clock_()); wait > 0) {
    LogSecurityEvent("sign-up-throttled", AccountKey(in.email), address);
    Error e = Error::Say(Kind::kThrottled, msg::kSignUpThrottled);
    e.retry_after = wait;
    return Fail(std::move(e));
  }
  auto existing = store_.FindUserByEmail(in.email);
  if (existing || existing.error().kind != Kind::kNotFound) {
    if (!existing) return Fail(existing.error());
    // Taken: the same answer, after about the time a new account takes.
    std::this_thread::sleep_for(TypicalHashTime());
    LogSecurityEvent("sign-up-email-taken", std::to_string(existing->id), address);
    return in.email;
  }
  model::User user{0, in.email, Trim(in.name), HashPassword(in.password), clock_()};
  auto id = store_.CreateUser(user);
  if (!id && id.error().kind != Kind::kConflict) return Fail(id.error());
  if (id) LogSecurityEvent("sign-up", std::to_string(*id), address);  // else: taken meanwhile
  return in.email;
}

Result<model::User> Accounts::SignIn(const std::string& email, const std::string& password,
                                     const std::string& address) {
  std::string key = AccountKey(email);
  std::int64_t now = clock_();
  if (std::int64_t wait = throttle_.RetryAfter(key, address, now); wait > 0) {
    LogSecurityEvent("throttled", key, address, "retry_after=" + std::to_string(wait));
    Error e = Error::Say(Kind::kThrottled, msg::kSignInThrottled);
    e.retry_after = wait;
    return Fail(std::move(e));
  }
  auto user = key.empty() || password.size() > 4 * kMaxPasswordLength
                  ? Result<model::User>(Fail(Error::NotFound("no email")))
                  : store_.FindUserByEmail(NormalizeEmail(email));
  if (!user && user.error().kind != Kind::kNotFound) return Fail(user.error());
  bool ok = user ? VerifyPassword(password, user->password_hash)
                 : (VerifyPassword(password, DummyPasswordHash()), false);
  if (!ok) {
    throttle_.Failed(key, address, now);
    LogSecurityEvent("sign-in-failed", key, address);
    return Fail(Error::Say(Kind::kDenied, msg::kSignInWrong));
  }
  throttle_.Succeeded(key, address, now);
  LogSecurityEvent("sign-in", std::to_string(user->id), address);
  return user;
}

Status Accounts::Delete(const model::User& user, const std::string& password,
                        const std::string& address) {
  if (!VerifyPassword(password, user.password_hash))
    return Fail(Error::Say(Kind::kDenied, msg::kDeletePasswordWrong));
  if (auto ok = store_.DeleteUser(user.id); !ok) return ok;
  LogSecurityEvent("account-deleted", std::to_string(user.id), address);
  return {};
}

}  // namespace cultivate::auth
