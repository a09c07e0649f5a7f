#pragma once
/// Connections to one SQLite database file, opened on demand and reused. Every connection has
/// journal_mode=WAL, synchronous=FULL, foreign_keys=ON and a busy timeout, so readers run in
/// parallel and writers queue. Safe for concurrent use; a Lease is used by one thread at a time.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/connection.h"

namespace cultivate::store {

class ConnectionPool {
 public:
  /// A connection borrowed from the pool; goes back to it when the Lease is destroyed.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<sqlite::Connection> db, std::uint64_t generation);
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    sqlite::Connection& operator*() const { return *db_; }
    sqlite::Connection* operator->() const { return db_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<sqlite::Connection> db_;
    std::uint64_t generation_;
  };

  /// Does not open anything yet. `create`: create the file if it does not exist.
  /// `in_memory`: `path` names a database in SQLite's memdb VFS, shared by every connection
  /// of this process that opens the same name (no WAL there: rollback journal in memory).
  ConnectionPool(std::string path, bool create, int busy_timeout_ms, bool in_memory = false);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  /// An idle connection, or a new one. Throws SQLite::Exception if it cannot be opened or set up.
  Lease Acquire();

  const std::string& path() const { return path_; }

  /// Caps the database at `pages` pages (0: no cap) on every connection from now on, as a
  /// full disk would: writes past it fail with SQLITE_FULL. Connections already lent out
  /// are closed when they come back.
  void LimitPages(std::int64_t pages);

 private:
  static constexpr std::size_t kMaxIdle = 16;  // more are closed when given back

  std::unique_ptr<sqlite::Connection> Connect(std::int64_t max_pages) const;
  std::unique_ptr<sqlite::Connection> Open() const;
  void Release(std::unique_ptr<sqlite::Connection> db, std::uint64_t generation);

  const std::string path_;
  const bool create_;
  const int busy_timeout_ms_;
  const bool in_memory_;
  std::mutex mu_;
  std::vector<std::unique_ptr<sqlite::Connection>> idle_;  // guarded by mu_
  std::int64_t max_pages_ = 0;                             // guarded by mu_
  std::uint64_t generation_ = 0;                           // guarded by mu_; bumped by LimitPages
};

}  // namespace cultivate::store
