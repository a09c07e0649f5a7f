#pragma once
/// Throttling of failed sign-ins. Failures count per account and address together (so
/// strangers guessing from elsewhere never lock the owner out), per address over every
/// account (so one client cannot try many accounts), and per account over every address in
/// an hour (at most `per_account_hour` guesses, however many addresses an attacker has); an
/// address that signed in to the account before is exempt from that last cap, so the owner
/// still gets in while strangers hammer the account.
///
/// The counts live in the store (Store::ThrottleTimes), so every server behind a load
/// balancer counts the same attempts. When the store cannot be read, nobody is held back:
/// signing in needs the store anyway. Safe for concurrent use.

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace cultivate::auth {

class LoginThrottle {
 public:
  struct Limits {
    int per_account = 10;                  // per account and address, in `window_seconds`
    int per_address = 30;                  // per address, over every account
    std::int64_t window_seconds = 15 * 60;
    int per_account_hour = 100;            // per account, over every address, in an hour
    int sign_ups_per_hour = 20;            // per address
  };
  explicit LoginThrottle(store::Store& store);
  LoginThrottle(store::Store& store, Limits limits) : store_(store), limits_(limits) {}

  /// Seconds until another attempt is allowed, or 0 when it is allowed now.
  std::int64_t RetryAfter(const std::string& account, const std::string& address,
                          std::int64_t now);
  void Failed(const std::string& account, const std::string& address, std::int64_t now);
  /// A successful sign-in clears the failures of this account from this address, and
  /// remembers the address as the owner's.
  void Succeeded(const std::string& account, const std::string& address, std::int64_t now);

 private:
  /// Seconds until fewer than `limit` of the key's events are in the window.
  std::int64_t Wait(const std::string& key, int limit, std::int64_t window, std::int64_t now);

  store::Store& store_;
  Limits limits_;
};

/// Counts every attempt of something costly per address in a sliding hour (sign-ups), in the
/// store. Safe for concurrent use.
class HourlyLimit {
 public:
  HourlyLimit(store::Store& store, int per_hour) : store_(store), per_hour_(per_hour) {}
  /// Seconds until `address` may try again (0: now); counts the attempt when it may.
  std::int64_t Attempt(const std::string& address, std::int64_t now);

 private:
  store::Store& store_;
  const int per_hour_;
};

/// Seconds until fewer than `limit` of `times` (oldest first, all inside the window) are
/// left in the window that ends at `now`; 0 when already fewer.
std::int64_t WaitFor(const std::vector<std::int64_t>& times, int limit, std::int64_t window,
                     std::int64_t now);

}  // namespace cultivate::auth
