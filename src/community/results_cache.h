#pragma once
/// Scored team results by round, reused until the round's revision changes (a member saved
/// answers, or the round was closed). The revision is read from the store on every request,
/// so a cache never serves what another server has since changed. Safe for concurrent use;
/// bounded.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "assess/team.h"
#include "model/id.h"

namespace cultivate::community {

class TeamResultsCache {
 public:
  std::shared_ptr<const assess::TeamResults> Get(model::Id round, std::int64_t revision);
  void Put(model::Id round, std::int64_t revision,
           std::shared_ptr<const assess::TeamResults> results);

 private:
  struct Entry {
    std::int64_t revision = -1;
    std::shared_ptr<const assess::TeamResults> results;
  };
  static constexpr size_t kMaxEntries = 2048;
  std::mutex mu_;
  std::map<model::Id, Entry> entries_;  // guarded by mu_
};

}  // namespace cultivate::community
