#include "store/sqlite/connection_pool.h"

#include <utility>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

namespace cultivate::store {

ConnectionPool::Lease::Lease(ConnectionPool* pool, std::unique_ptr<sqlite::Connection> db,
                             std::uint64_t generation)
    : pool_(pool), db_(std::move(db)), generation_(generation) {}

ConnectionPool::Lease::~Lease() {
  if (db_) pool_->Release(std::move(db_), generation_);
}

ConnectionPool::ConnectionPool(std::string path, bool create, int busy_timeout_ms, bool in_memory)
    : path_(std::move(path)),
      create_(create),
      busy_timeout_ms_(busy_timeout_ms),
      in_memory_(in_memory) {}

ConnectionPool::Lease ConnectionPool::Acquire() {
  std::int64_t max_pages;
  std::uint64_t generation;
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db), generation_);
    }
    max_pages = max_pages_;
    generation = generation_;
  }
  // Outside the lock: opening may wait on the busy timeout.
  return Lease(this, Connect(max_pages), generation);
}

void ConnectionPool::LimitPages(std::int64_t pages) {
  std::lock_guard lock(mu_);
  max_pages_ = pages;
  ++generation_;
  idle_.clear();
}

std::unique_ptr<sqlite::Connection> ConnectionPool::Connect(std::int64_t max_pages) const {
  auto db = Open();
  if (max_pages > 0) db->exec("PRAGMA max_page_count = " + std::to_string(max_pages));
  return db;
}

std::unique_ptr<sqlite::Connection> ConnectionPool::Open() const {
  // NOMUTEX: a connection is used by one thread at a time (a Lease), so SQLite's own
  // per-connection mutex only costs time on every call.
  int flags = SQLite::OPEN_READWRITE | (create_ ? SQLite::OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  if (in_memory_) {
    auto db = std::make_unique<sqlite::Connection>("file:" + path_ + "?vfs=memdb",
                                                   flags | SQLite::OPEN_URI, busy_timeout_ms_);
    db->exec("PRAGMA foreign_keys = ON");
    return db;
  }
  auto db = std::make_unique<sqlite::Connection>(path_, flags, busy_timeout_ms_);
  {
    SQLite::Statement wal(*db, "PRAGMA journal_mode = WAL");
    wal.executeStep();
    std::string mode = wal.getColumn(0).getString();
    if (mode != "wal")
      throw SQLite::Exception("cannot use WAL on " + path_ + " (journal mode " + mode + ")");
  }
  db->exec("PRAGMA synchronous = FULL");
  db->exec("PRAGMA foreign_keys = ON");
  return db;
}

void ConnectionPool::Release(std::unique_ptr<sqlite::Connection> db, std::uint64_t generation) {
  // A connection still inside a transaction (a failed rollback) is closed, never reused.
  if (sqlite3_get_autocommit(db->getHandle()) == 0) return;
  std::lock_guard lock(mu_);
  if (generation == generation_ && idle_.size() < kMaxIdle) idle_.push_back(std::move(db));
}  // a connection not kept closes here

}  // namespace cultivate::store
