#pragma once
/// Throttling of failed sign-ins. Failures count per account and address together (so
/// strangers guessing from elsewhere never lock the owner out), per address over every
/// account (so one client cannot try many accounts), and per account over every address in
/// an hour (at most `per_account_hour` guesses, however many addresses an attacker has); an
/// address that signed in to the account before is exempt from that last cap, so the owner
/// still gets in while strangers hammer the account.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace cultivate::auth {

/// In memory (one process; see docs/operating.md). Safe for concurrent use; memory is
/// bounded.
class LoginThrottle {
 public:
  struct Limits {
    int per_account = 10;                  // per account and address, in `window_seconds`
    int per_address = 30;                  // per address, over every account
    std::int64_t window_seconds = 15 * 60;
    int per_account_hour = 100;            // per account, over every address, in an hour
    int sign_ups_per_hour = 20;            // per address
  };
  LoginThrottle() = default;
  explicit LoginThrottle(Limits limits) : limits_(limits) {}

  /// Seconds until another attempt is allowed, or 0 when it is allowed now.
  std::int64_t RetryAfter(const std::string& account, const std::string& address,
                          std::int64_t now);
  void Failed(const std::string& account, const std::string& address, std::int64_t now);
  /// A successful sign-in clears the failures of this account from this address, and
  /// remembers the address as the owner's.
  void Succeeded(const std::string& account, const std::string& address);

 private:
  using Times = std::deque<std::int64_t>;
  static std::int64_t Wait(Times& times, int limit, std::int64_t window, std::int64_t now);
  static void Trim(Times& times, std::int64_t window, std::int64_t now);
  void Bound(std::int64_t now);  // drops entries whose windows have passed when maps grow

  Limits limits_;
  std::mutex mu_;
  std::map<std::string, Times> pairs_;      // account + '\n' + address; guarded by mu_
  std::map<std::string, Times> addresses_;  // guarded by mu_
  std::map<std::string, Times> accounts_;   // the hourly cap; guarded by mu_
  std::map<std::string, std::set<std::string>> known_;  // account -> its owner's addresses
};

/// Counts every attempt of something costly per address in a sliding hour (sign-ups), in
/// memory. Safe for concurrent use; memory is bounded.
class HourlyLimit {
 public:
  explicit HourlyLimit(int per_hour) : per_hour_(per_hour) {}
  /// Seconds until `address` may try again (0: now); counts the attempt when it may.
  std::int64_t Attempt(const std::string& address, std::int64_t now);

 private:
  const int per_hour_;
  std::mutex mu_;
  std::map<std::string, std::deque<std::int64_t>> attempts_;  // guarded by mu_
};

}  // namespace cultivate::auth
