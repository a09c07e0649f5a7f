#include "auth/throttle.h"

#include <algorithm>
#include <iterator>

namespace cultivate::auth {

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

}  // namespace cultivate::auth
