#pragma once
/// Test support: a throw-away PostgreSQL server for the test process, and a fresh database
/// on it for each test. The server starts on first use (initdb into a temporary folder,
/// listening on a unix socket there only, fsync off), is shared by every test of the run
/// and is stopped at process exit. Run as root, it runs as the `postgres` user, since
/// PostgreSQL refuses root.
///
/// CULTIVATE_TEST_POSTGRES=<libpq URI of a server's maintenance database> uses that server
/// instead of starting one (its test databases are dropped at exit).

#include <memory>
#include <string>

namespace cultivate::testing {

class PostgresServer {
 public:
  /// The server of this test process; started on the first call. Throws std::runtime_error
  /// saying why when it cannot be started (PostgreSQL not installed, initdb failed...).
  static PostgresServer& Shared();

  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  /// Creates an empty database and returns its libpq URI (postgresql://...). Throws
  /// std::runtime_error when it cannot.
  std::string CreateDatabase();

  /// The URI of database `name` on this server.
  std::string Uri(const std::string& name) const;

 private:
  struct State;
  explicit PostgresServer(std::unique_ptr<State> state);
  static void Start(State& state);  // initdb and pg_ctl start into state.dir
  static void Stop(State& state);   // pg_ctl stop -m immediate, and state.dir removed
  std::unique_ptr<State> state_;
};

}  // namespace cultivate::testing
