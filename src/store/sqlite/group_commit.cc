#include "store/sqlite/group_commit.h"

#include <algorithm>
#include <utility>

#include "common/metrics.h"
#include "store/sqlite/sqlite_error.h"

namespace cultivate::store::sqlite {

Status GroupCommit::Run(const char* op, const Job& job) {
  Pending me{&job, {}};
  std::unique_lock lock(mu_);
  queue_.push_back(&me);
  while (!me.done) {
    if (leading_) {
      cv_.wait(lock);
      continue;
    }
    // Lead: take the oldest writes (this one among them, as it is queued and not done).
    leading_ = true;
    std::size_t n = std::min(queue_.size(), max_group_);
    std::vector<Pending*> group(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    Commit(op, group);
    lock.lock();
    for (Pending* p : group) p->done = true;
    leading_ = false;
    ++groups_;
    cv_.notify_all();
  }
  return std::move(me.outcome);
}

std::size_t GroupCommit::Queued() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

std::uint64_t GroupCommit::Groups() const {
  std::lock_guard lock(mu_);
  return groups_;
}

void GroupCommit::Commit(const char* op, const std::vector<Pending*>& group) {
  Status status = Guarded(op, [&]() -> Status {
    auto db = pool_.Acquire();
    Transaction tx(*db, true);
    for (Pending* p : group) {
      db->Run("SAVEPOINT write");
      bool keep = false;
      try {
        keep = (*p->job)(*db);
      } catch (...) {
        keep = false;
      }
      // If a statement's failure ended the whole transaction (SQLite does so on I/O errors
      // and when out of memory or disk), this throws and the group fails as a whole.
      if (!keep) db->Run("ROLLBACK TO write");
      db->Run("RELEASE write");
    }
    tx.commit();  // one fsync for the group
    metrics::CountCommit("sqlite", group.size());
    return {};
  });
  for (Pending* p : group) p->outcome = status;
}

}  // namespace cultivate::store::sqlite
