#include "auth/throttle.h"

#include <algorithm>
#include <iterator>

namespace cultivate::auth {

namespace {

constexpr std::int64_t kHour = 3600;
constexpr size_t kMaxEntries = 100000;   // per map, before old entries are dropped
constexpr size_t kMaxKnownPerAccount = 16;

std::string Pair(const std::string& account, const std::string& address) {
  return account + '\n' + address;
}

}  // namespace

void LoginThrottle::Trim(Times& times, std::int64_t window, std::int64_t now) {
  while (!times.empty() && times.front() <= now - window) times.pop_front();
}

std::int64_t LoginThrottle::Wait(Times& times, int limit, std::int64_t window, std::int64_t now) {
  Trim(times, window, now);
  if (static_cast<int>(times.size()) < limit) return 0;
  // Allowed again once enough failures have left the window.
  std::int64_t oldest_needed = times[times.size() - static_cast<size_t>(limit)];
  return std::max<std::int64_t>(1, oldest_needed + window - now);
}

std::int64_t LoginThrottle::RetryAfter(const std::string& account, const std::string& address,
                                       std::int64_t now) {
  std::lock_guard lock(mu_);
  std::int64_t wait = 0;
  const std::int64_t window = limits_.window_seconds;
  if (auto it = pairs_.find(Pair(account, address)); it != pairs_.end())
    wait = std::max(wait, Wait(it->second, limits_.per_account, window, now));
  if (auto it = addresses_.find(address); it != addresses_.end())
    wait = std::max(wait, Wait(it->second, limits_.per_address, window, now));
  auto known = known_.find(account);
  bool owner = known != known_.end() && known->second.count(address);
  if (!owner)
    if (auto it = accounts_.find(account); it != accounts_.end())
      wait = std::max(wait, Wait(it->second, limits_.per_account_hour, kHour, now));
  return wait;
}

void LoginThrottle::Bound(std::int64_t now) {
  auto bound = [&](std::map<std::string, Times>& map, std::int64_t window) {
    if (map.size() < kMaxEntries) return;
    for (auto it = map.begin(); it != map.end();) {
      Trim(it->second, window, now);
      it = it->second.empty() ? map.erase(it) : std::next(it);
    }
  };
  bound(pairs_, limits_.window_seconds);
  bound(addresses_, limits_.window_seconds);
  bound(accounts_, kHour);
  if (known_.size() >= kMaxEntries) known_.clear();  // forgetting only costs the exemption
}

void LoginThrottle::Failed(const std::string& account, const std::string& address,
                           std::int64_t now) {
  std::lock_guard lock(mu_);
  Bound(now);
  auto add = [&](Times& t, int limit) {
    t.push_back(now);
    while (static_cast<int>(t.size()) > limit * 2) t.pop_front();
  };
  add(pairs_[Pair(account, address)], limits_.per_account);
  add(addresses_[address], limits_.per_address);
  add(accounts_[account], limits_.per_account_hour);
}

void LoginThrottle::Succeeded(const std::string& account, const std::string& address) {
  std::lock_guard lock(mu_);
  pairs_.erase(Pair(account, address));
  auto& known = known_[account];
  if (known.size() >= kMaxKnownPerAccount) known.erase(known.begin());
  known.insert(address);
}

std::int64_t HourlyLimit::Attempt(const std::string& address, std::int64_t now) {
  std::lock_guard lock(mu_);
  if (attempts_.size() >= kMaxEntries) {
    for (auto it = attempts_.begin(); it != attempts_.end();) {
      while (!it->second.empty() && it->second.front() <= now - kHour) it->second.pop_front();
      it = it->second.empty() ? attempts_.erase(it) : std::next(it);
    }
  }
  auto& times = attempts_[address];
  while (!times.empty() && times.front() <= now - kHour) times.pop_front();
  if (static_cast<int>(times.size()) >= per_hour_)
    return std::max<std::int64_t>(1, times[times.size() - static_cast<size_t>(per_hour_)] + kHour - now);
  times.push_back(now);
  return 0;
}

}  // namespace cultivate::auth
