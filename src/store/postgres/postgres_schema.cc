// The PostgreSQL store: opening, migrating and checking the schema. Two servers migrating
// the same database at once take turns on an advisory lock, migration by migration, so each
// migration is applied once, together with its schema_migrations row.

#include <algorithm>
#include <utility>

#include "store/migrations.h"
#include "store/postgres/postgres_store.h"

namespace cultivate::store {
namespace {

// pg_advisory_xact_lock key of the schema: any fixed number no other lock in the database
// uses ("cultivat" in ASCII).
constexpr const char* kLockSchema = "SELECT pg_advisory_xact_lock(7166468147092419956)";

constexpr const char* kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

std::vector<int> AppliedVersions(pqxx::transaction_base& tx) {
  std::vector<int> versions;
  if (tx.exec("SELECT to_regclass('schema_migrations') IS NOT NULL")[0][0].as<bool>()) {
    for (const auto& row : tx.exec("SELECT version FROM schema_migrations ORDER BY version"))
      versions.push_back(row[0].as<int>());
  }
  return versions;
}

// Set when the database has migrations this build does not know: it must not touch it.
std::optional<Error> NewerThanKnown(const std::string& where, const std::vector<int>& applied) {
  int known = PostgresMigrations().back().version;
  if (applied.empty() || applied.back() <= known) return std::nullopt;
  return Error::Unavailable("database " + where + " has schema version " +
                            std::to_string(applied.back()) + ", newer than this cultivate knows (" +
                            std::to_string(known) + "): upgrade cultivate");
}

}  // namespace

PostgresStore::PostgresStore(const std::string& spec, PostgresOptions options)
    : where_(DisplaySpec(spec)),
      clock_(std::move(options.clock)),
      attempts_(std::max(1, options.attempts)),
      pool_(spec, options.pool_size, options.lock_timeout_ms,
            std::chrono::milliseconds(options.acquire_timeout_ms)),
      responses_by_token_(options.lookups_in_flight) {}

Result<std::unique_ptr<PostgresStore>> PostgresStore::Open(const std::string& spec,
                                                           PostgresOptions options) {
  std::unique_ptr<PostgresStore> store(new PostgresStore(spec, std::move(options)));
  try {
    store->pool_.Acquire();  // fails here rather than on the first request
  } catch (const pqxx::failure& e) {
    Error error = postgres::FromException("connect to PostgreSQL at " + store->where_, e);
    error.kind = Error::Kind::kUnavailable;  // whatever the reason, there is no database
    return Fail(std::move(error));
  } catch (const std::exception& e) {  // e.g. a spec libpq cannot parse
    return Fail(Error::Unavailable("connect to PostgreSQL at " + store->where_ + ": " + e.what()));
  }
  return store;
}

Result<std::vector<std::string>> PostgresStore::Migrate() {
  std::string op = "migrate " + where_;
  auto created = Write(op.c_str(), [&](pqxx::transaction_base& tx) -> Status {
    tx.exec(kLockSchema);
    tx.exec(kCreateSchemaMigrations);
    if (auto newer = NewerThanKnown(where_, AppliedVersions(tx))) return Fail(*newer);
    return {};
  });
  if (!created) return Fail(created.error());
  std::vector<std::string> applied;
  for (const auto& migration : PostgresMigrations()) {
    auto ran = Write(op.c_str(), [&](pqxx::transaction_base& tx) -> Result<bool> {
      tx.exec(kLockSchema);  // held until this transaction ends
      if (!tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", migration.version)
               .empty()) {
        return false;  // applied already, perhaps by another server just now
      }
      tx.exec(std::string(migration.sql));
      tx.exec_params(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
          migration.version, std::string(migration.name), clock_());
      return true;
    });
    if (!ran) return Fail(ran.error());
    if (*ran) applied.emplace_back(migration.name);
  }
  return applied;
}

Status PostgresStore::CheckSchema() {
  return Read("check schema", [&](pqxx::transaction_base& tx) -> Status {
    auto applied = AppliedVersions(tx);
    if (auto newer = NewerThanKnown(where_, applied)) return Fail(*newer);
    std::string pending;
    for (const auto& migration : PostgresMigrations()) {
      if (std::binary_search(applied.begin(), applied.end(), migration.version)) continue;
      pending += (pending.empty() ? "" : ", ") + std::string(migration.name);
    }
    if (pending.empty()) return {};
    return Fail(Error::Unavailable("database " + where_ + " is not migrated (pending: " + pending +
                                   "): run `cultivate migrate --db " + where_ + "` first"));
  });
}

Status PostgresStore::Ping() {
  return ReadOne("ping", [&](pqxx::transaction_base& tx) -> Status {
    tx.exec("SELECT 1");
    return {};
  });
}

}  // namespace cultivate::store
