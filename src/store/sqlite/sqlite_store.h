#pragma once
/// The Store on an SQLite file (WAL, synchronous=FULL, foreign keys on, BEGIN IMMEDIATE for
/// every write). Safe for concurrent use: each call borrows a connection from a pool, so reads
/// run in parallel. SQLite errors become Error values (busy/locked/cannot open: kUnavailable).

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/clock.h"
#include "store/sqlite/connection_pool.h"
#include "store/store.h"

namespace cultivate::store {

struct SqliteOptions {
  bool create = false;         // create the file when it does not exist
  Clock clock = SystemClock;   // created_at, updated_at, applied_at
  int busy_timeout_ms = 5000;  // how long a write waits for another writer
};

class SqliteStore final : public Store {
 public:
  /// Opens the database at `path` and checks one connection can be set up. Does not migrate.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path,
                                                   SqliteOptions options = {});

  /// Applies the embedded migrations not yet applied; returns their names, in order.
  Result<std::vector<std::string>> Migrate();
  /// OK when the schema is exactly the embedded migrations; kUnavailable saying what to do if
  /// migrations are pending (run `cultivate migrate`) or the schema is newer than this build.
  Status CheckSchema();

  Status Ping() override;
  Result<Id> CreateResponse(const Response& response) override;
  Result<Response> FindResponseByTokenHash(const std::string& token_hash) override;
  Result<Response> FindResponse(Id id) override;
  Status UpdateResponse(const Response& response) override;
  Status SaveAnswers(Id response_id, const std::vector<Answer>& answers) override;
  Result<std::vector<Answer>> Answers(Id response_id) override;
  Status SaveReflections(Id response_id, const std::vector<Reflection>& reflections) override;
  Result<std::vector<Reflection>> Reflections(Id response_id) override;
  Result<std::optional<Plan>> ResponsePlan(Id response_id) override;
  Status SaveResponsePlan(Id response_id, const Plan& plan) override;

 private:
  SqliteStore(const std::string& path, SqliteOptions options);

  // Runs f(db) on a pooled connection inside a deferred (read) or BEGIN IMMEDIATE (write)
  // transaction, committing a write only when f succeeds; turns exceptions into Errors.
  template <typename F>
  auto Read(const char* op, F&& f) -> decltype(f(std::declval<SQLite::Database&>()));
  template <typename F>
  auto Write(const char* op, F&& f) -> decltype(f(std::declval<SQLite::Database&>()));

  const Clock clock_;
  ConnectionPool pool_;
};

}  // namespace cultivate::store
