#include "auth/throttle.h"

#include <algorithm>

namespace cultivate::auth {

namespace {

constexpr std::int64_t kHour = 3600;

std::string PairKey(const std::string& account, const std::string& address) {
  return "pair:" + account + '\n' + address;
}
std::string KnownKey(const std::string& account, const std::string& address) {
  return "known:" + account + '\n' + address;
}

}  // namespace

LoginThrottle::LoginThrottle(store::Store& store) : LoginThrottle(store, Limits()) {}

std::int64_t WaitFor(const std::vector<std::int64_t>& times, int limit, std::int64_t window,
                     std::int64_t now) {
  if (limit <= 0 || static_cast<int>(times.size()) < limit) return 0;
  // Allowed again once enough of them have left the window.
  std::int64_t oldest_needed = times[times.size() - static_cast<size_t>(limit)];
  return std::max<std::int64_t>(1, oldest_needed + window - now);
}

std::int64_t LoginThrottle::Wait(const std::string& key, int limit, std::int64_t window,
                                 std::int64_t now) {
  auto times = store_.ThrottleTimes(key, now - window);
  return times ? WaitFor(*times, limit, window, now) : 0;
}

std::int64_t LoginThrottle::RetryAfter(const std::string& account, const std::string& address,
                                       std::int64_t now) {
  const std::int64_t window = limits_.window_seconds;
  std::int64_t wait = Wait(PairKey(account, address), limits_.per_account, window, now);
  wait = std::max(wait, Wait("addr:" + address, limits_.per_address, window, now));
  auto known = store_.ThrottleTimes(KnownKey(account, address), 0);
  bool owner = known && !known->empty();
  if (!owner) wait = std::max(wait, Wait("acct:" + account, limits_.per_account_hour, kHour, now));
  return wait;
}

void LoginThrottle::Failed(const std::string& account, const std::string& address,
                           std::int64_t now) {
  // A failure the store cannot record is not counted: the sign-in failed anyway.
  (void)store_.AddThrottleTime(PairKey(account, address), now, 0, 0);
  (void)store_.AddThrottleTime("addr:" + address, now, 0, 0);
  (void)store_.AddThrottleTime("acct:" + account, now, 0, 0);
}

void LoginThrottle::Succeeded(const std::string& account, const std::string& address,
                              std::int64_t now) {
  (void)store_.ClearThrottle(PairKey(account, address));
  if (auto known = store_.ThrottleTimes(KnownKey(account, address), 0); known && known->empty())
    (void)store_.AddThrottleTime(KnownKey(account, address), now, 0, 0);
}

std::int64_t HourlyLimit::Attempt(const std::string& address, std::int64_t now) {
  const std::string key = "signup:" + address;
  auto taken = store_.AddThrottleTime(key, now, kHour, per_hour_);
  if (!taken || *taken) return 0;
  auto times = store_.ThrottleTimes(key, now - kHour);
  return times ? std::max<std::int64_t>(1, WaitFor(*times, per_hour_, kHour, now)) : 1;
}

}  // namespace cultivate::auth
