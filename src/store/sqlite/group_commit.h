#pragma once
/// Group commit for the SQLite store: the writes that queue up while one transaction is
/// committing are run together in the next one, each in its own SAVEPOINT, and pay for one
/// fsync between them. Each caller still gets its own outcome: a write that fails rolls back
/// only its savepoint, and a caller returns only after the transaction holding its write has
/// committed (or failed, when nothing of it is kept). So an acknowledged write is on disk,
/// and a write is never acknowledged before the writes queued ahead of it.
///
/// How: the first caller to find no commit in progress becomes the leader. It takes every
/// queued write, runs them in one BEGIN IMMEDIATE ... COMMIT on a pooled connection, wakes
/// their callers and returns; a caller still waiting then leads the next group.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "common/error.h"
#include "store/sqlite/connection_pool.h"

namespace cultivate::store::sqlite {

class GroupCommit {
 public:
  /// One write: runs its statements on `db` and returns true to keep them, false to roll
  /// them back. Must not throw (wrap it in Guarded); a throw is taken as "roll back".
  using Job = std::function<bool(Connection& db)>;

  explicit GroupCommit(ConnectionPool& pool, std::size_t max_group = 256)
      : pool_(pool), max_group_(max_group) {}
  GroupCommit(const GroupCommit&) = delete;
  GroupCommit& operator=(const GroupCommit&) = delete;

  /// Runs `job` in the next group and waits until that group's transaction has ended.
  /// OK: the group committed (the job's changes are kept if it returned true). An error:
  /// the transaction could not begin or commit, so none of the job's changes were kept.
  Status Run(const char* op, const Job& job);

  /// How many writes wait for a group right now, and how many groups have ended (for tests).
  std::size_t Queued() const;
  std::uint64_t Groups() const;

 private:
  struct Pending {
    const Job* job;
    Status outcome;
    bool done = false;
  };

  /// Runs one group on one connection; sets every member's outcome.
  void Commit(const char* op, const std::vector<Pending*>& group);

  ConnectionPool& pool_;
  const std::size_t max_group_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Pending*> queue_;  // guarded by mu_
  bool leading_ = false;         // a group is being committed; guarded by mu_
  std::uint64_t groups_ = 0;     // guarded by mu_
};

}  // namespace cultivate::store::sqlite
