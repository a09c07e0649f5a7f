#include "store/postgres/connection_pool.h"

#include <poll.h>

#include <utility>

#include <pqxx/except>
#include <pqxx/nontransaction>

namespace cultivate::store::postgres {
namespace {

// An idle connection has nothing to read: the server sends nothing unasked (we LISTEN to
// nothing). Input or a hang-up means it was closed from the other end (a restart, an
// administrator, an idle timeout) and carries the goodbye. Checked before use because
// libpqxx 6.4 leaks a result when a statement meets a dead connection.
bool LooksAlive(const pqxx::connection& conn) {
  if (!conn.is_open() || conn.sock() < 0) return false;
  pollfd ready{conn.sock(), POLLIN, 0};
  return ::poll(&ready, 1, 0) == 0;
}

}  // namespace

ConnectionPool::Lease::Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> conn)
    : pool_(pool), conn_(std::move(conn)) {}

ConnectionPool::Lease::~Lease() {
  if (conn_) pool_->Release(std::move(conn_), discard_);
}

ConnectionPool::ConnectionPool(std::string conninfo, std::size_t max_size, int lock_timeout_ms,
                               std::chrono::milliseconds acquire_timeout)
    : conninfo_(std::move(conninfo)),
      max_size_(max_size == 0 ? 1 : max_size),
      lock_timeout_ms_(lock_timeout_ms),
      acquire_timeout_(acquire_timeout) {}

std::unique_ptr<pqxx::connection> ConnectionPool::Connect() const {
  auto conn = std::make_unique<pqxx::connection>(conninfo_);  // throws broken_connection
  pqxx::nontransaction setup(*conn);
  // Notices ("relation already exists, skipping") would go to stderr; warnings still do.
  setup.exec("SET client_min_messages = warning");
  setup.exec("SET lock_timeout = " + std::to_string(lock_timeout_ms_));
  setup.commit();
  return conn;
}

ConnectionPool::Lease ConnectionPool::Acquire() {
  {
    std::unique_lock lock(mu_);
    auto deadline = std::chrono::steady_clock::now() + acquire_timeout_;
    for (;;) {
      bool ready =
          returned_.wait_until(lock, deadline, [&] { return !idle_.empty() || open_ < max_size_; });
      if (!ready) throw pqxx::broken_connection("every connection to the database stayed busy");
      if (idle_.empty()) break;
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      if (LooksAlive(*conn)) return Lease(this, std::move(conn));
      --open_;  // closed from the other end: drop it (outside the lock) and look again
      lock.unlock();
      conn.reset();
      lock.lock();
    }
    ++open_;  // this caller opens one, outside the lock
  }
  try {
    return Lease(this, Connect());
  } catch (...) {
    std::lock_guard lock(mu_);
    --open_;
    returned_.notify_one();
    throw;
  }
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> conn, bool discard) {
  bool keep = !discard && conn->is_open();
  if (!keep) conn.reset();  // close it before taking the lock
  std::lock_guard lock(mu_);
  if (keep) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  returned_.notify_one();
}

}  // namespace cultivate::store::postgres
