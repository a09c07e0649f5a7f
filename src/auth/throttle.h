#pragma once
/// Throttling of failed sign-ins, per account and per address.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace cultivate::auth {

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

}  // namespace cultivate::auth
