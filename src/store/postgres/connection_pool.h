#pragma once
/// Connections to one PostgreSQL database, opened on demand (at most `max_size` at once) and
/// reused. A caller that finds all of them lent out waits for one to come back, up to a
/// timeout. A connection found broken is closed instead of given back, and an idle one the
/// server has closed meanwhile is dropped when next taken, so callers get a fresh one. Safe for
/// concurrent use; a Lease is used by one thread at a time.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace cultivate::store::postgres {

class ConnectionPool {
 public:
  /// A connection borrowed from the pool; goes back to it when the Lease is destroyed,
  /// unless Discard() was called or the connection is no longer open.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> conn);
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& operator*() const { return *conn_; }
    pqxx::connection* operator->() const { return conn_.get(); }
    /// Closes the connection when the lease ends (it failed in a way that may recur).
    void Discard() { discard_ = true; }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
    bool discard_ = false;
  };

  /// Does not connect yet. `conninfo`: a libpq URI or key=value string. Every connection gets
  /// lock_timeout = `lock_timeout_ms` (a write blocked that long fails: kUnavailable).
  ConnectionPool(std::string conninfo, std::size_t max_size, int lock_timeout_ms,
                 std::chrono::milliseconds acquire_timeout);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  /// An idle connection, or a new one if fewer than max_size are open, or else the first
  /// one given back. Throws pqxx::broken_connection when it cannot connect or every
  /// connection stays busy past the acquire timeout.
  Lease Acquire();

 private:
  std::unique_ptr<pqxx::connection> Connect() const;
  void Release(std::unique_ptr<pqxx::connection> conn, bool discard);

  const std::string conninfo_;
  const std::size_t max_size_;
  const int lock_timeout_ms_;
  const std::chrono::milliseconds acquire_timeout_;
  std::mutex mu_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;  // guarded by mu_
  std::size_t open_ = 0;  // guarded by mu_: idle plus lent out (and being opened)
};

}  // namespace cultivate::store::postgres
