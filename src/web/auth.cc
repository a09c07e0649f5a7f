#include "web/auth.h"

#include <algorithm>
#include <semaphore>
#include <thread>

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "http/form.h"

namespace cultivate::web {

namespace {

constexpr unsigned long long kPasswordOps = 2;
constexpr size_t kPasswordMemory = 19 * 1024 * 1024;

bool Blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/// Hashing takes 19 MiB and a core for tens of milliseconds. Requests that change data run on
/// many handler threads, so without a limit a burst of sign-ins would take 19 MiB per thread
/// and starve every other save; with it, at most one hash per core runs and the rest queue.
class HashGate {
 public:
  HashGate() : slots_(std::clamp<std::ptrdiff_t>(std::thread::hardware_concurrency(), 1, 64)) {}
  void lock() { slots_.acquire(); }
  void unlock() { slots_.release(); }

 private:
  std::counting_semaphore<64> slots_;
};

HashGate& Gate() {
  static HashGate gate;
  return gate;
}

}  // namespace

std::string HashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  std::lock_guard slot(Gate());
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOps, kPasswordMemory,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool VerifyPassword(const std::string& password, const std::string& hash) {
  if (hash.size() >= crypto_pwhash_STRBYTES) return false;
  std::lock_guard slot(Gate());
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string NormalizeEmail(const std::string& email) {
  size_t a = 0, b = email.size();
  while (a < b && Blank(email[a])) ++a;
  while (b > a && Blank(email[b - 1])) --b;
  return email.substr(a, b - a);
}

std::vector<FieldError> CheckSignUp(const std::string& email, const std::string& password,
                                    const std::string& name) {
  std::vector<FieldError> errors;
  size_t at = email.find('@');
  bool email_ok = http::ValidUtf8(email) && !email.empty() && email.size() <= kMaxEmailLength &&
                  at != std::string::npos && at > 0 && at + 1 < email.size() &&
                  email.find('@', at + 1) == std::string::npos &&
                  email.find('.', at + 2) != std::string::npos && email.back() != '.' &&
                  std::none_of(email.begin(), email.end(), [](char c) {
                    return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
                  });
  if (!email_ok) errors.push_back({"", "email", "Enter an email address like name@example.org."});
  if (!http::ValidUtf8(password)) {
    errors.push_back({"", "password", "The password is not valid text."});
  } else if (CodePoints(password) < kMinPasswordLength) {
    errors.push_back({"", "password", "Use at least 12 characters. A few words make a good one."});
  } else if (CodePoints(password) > kMaxPasswordLength) {
    errors.push_back({"", "password", "Use at most 128 characters."});
  }
  if (!http::ValidUtf8(name) || NormalizeEmail(name).empty())
    errors.push_back({"", "name", "Enter your name, as your co-coordinators know you."});
  else if (CodePoints(name) > kMaxNameLength)
    errors.push_back({"", "name", "Use at most 200 characters."});
  return errors;
}

// ---- throttling ----

void LoginThrottle::Trim(Times& times, std::int64_t now) {
  while (!times.empty() && times.front() <= now - limits_.window_seconds) times.pop_front();
}

std::int64_t LoginThrottle::Wait(Times& times, int limit, std::int64_t now) {
  Trim(times, now);
  if (static_cast<int>(times.size()) < limit) return 0;
  // Allowed again once enough failures have left the window.
  std::int64_t oldest_needed = times[times.size() - static_cast<size_t>(limit)];
  return std::max<std::int64_t>(1, oldest_needed + limits_.window_seconds - now);
}

std::int64_t LoginThrottle::RetryAfter(const std::string& account, const std::string& address,
                                       std::int64_t now) {
  std::lock_guard lock(mu_);
  std::int64_t wait = 0;
  if (auto it = accounts_.find(account); it != accounts_.end())
    wait = std::max(wait, Wait(it->second, limits_.per_account, now));
  if (auto it = addresses_.find(address); it != addresses_.end())
    wait = std::max(wait, Wait(it->second, limits_.per_address, now));
  return wait;
}

void LoginThrottle::Failed(const std::string& account, const std::string& address,
                           std::int64_t now) {
  std::lock_guard lock(mu_);
  // Bound memory under a flood of distinct names: drop entries whose window has passed.
  constexpr size_t kMaxEntries = 100000;
  for (auto* map : {&accounts_, &addresses_}) {
    if (map->size() < kMaxEntries) continue;
    for (auto it = map->begin(); it != map->end();) {
      Trim(it->second, now);
      it = it->second.empty() ? map->erase(it) : std::next(it);
    }
  }
  auto add = [&](Times& t, int limit) {
    t.push_back(now);
    while (static_cast<int>(t.size()) > limit * 2) t.pop_front();
  };
  add(accounts_[account], limits_.per_account);
  add(addresses_[address], limits_.per_address);
}

void LoginThrottle::Succeeded(const std::string& account) {
  std::lock_guard lock(mu_);
  accounts_.erase(account);
}

void LogSecurityEvent(const std::string& event, const std::string& account,
                      const std::string& address, const std::string& detail) {
  spdlog::warn("security event={} account={} address={}{}{}", event,
               account.empty() ? "-" : account, address.empty() ? "-" : address,
               detail.empty() ? "" : " ", detail);
}

// ---- sessions ----

Result<std::string> Sessions::Start(const store::User& user, std::string* csrf) {
  std::string id = NewToken();
  std::int64_t now = clock_();
  store::Session session{HashToken(id), user.id, NewToken(), now, now};
  if (auto ok = store_.CreateSession(session); !ok) return Fail(ok.error());
  if (csrf) *csrf = session.csrf;
  http::CookieOptions cookie;
  cookie.max_age = static_cast<int>(options_.absolute_seconds);
  return http::SetCookie(kSessionCookie, id, cookie);
}

std::optional<SignedIn> Sessions::Current(const http::Request& request) {
  std::string id = request.Cookie(kSessionCookie);
  if (!PlausibleToken(id)) return std::nullopt;
  std::string hash = HashToken(id);
  auto session = store_.FindSession(hash);
  if (!session) return std::nullopt;
  std::int64_t now = clock_();
  if (now - session->seen_at > options_.idle_seconds ||
      now - session->created_at > options_.absolute_seconds) {
    (void)store_.DeleteSession(hash);
    LogSecurityEvent("session-expired", std::to_string(session->user_id), request.remote);
    return std::nullopt;
  }
  auto user = store_.FindUser(session->user_id);
  if (!user) return std::nullopt;
  if (now - session->seen_at >= 60) {
    (void)store_.TouchSession(hash, now);
    session->seen_at = now;
  }
  return SignedIn{std::move(*user), std::move(*session)};
}

std::string Sessions::End(const http::Request& request) {
  std::string id = request.Cookie(kSessionCookie);
  if (PlausibleToken(id)) (void)store_.DeleteSession(HashToken(id));
  http::CookieOptions cookie;
  cookie.max_age = 0;
  return http::SetCookie(kSessionCookie, "", cookie);
}

bool Sessions::CsrfMatches(const store::Session& session, const std::string& token) {
  return token.size() == session.csrf.size() && !token.empty() &&
         sodium_memcmp(token.data(), session.csrf.data(), token.size()) == 0;
}

}  // namespace cultivate::web
