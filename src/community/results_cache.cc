#include "community/results_cache.h"

namespace cultivate::community {

std::shared_ptr<const assess::TeamResults> TeamResultsCache::Get(model::Id round,
                                                                 std::int64_t revision) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(round);
  if (it == entries_.end() || it->second.revision != revision) return nullptr;
  return it->second.results;
}

void TeamResultsCache::Put(model::Id round, std::int64_t revision,
                           std::shared_ptr<const assess::TeamResults> results) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries && !entries_.count(round)) entries_.erase(entries_.begin());
  entries_[round] = {revision, std::move(results)};
}

}  // namespace cultivate::community
