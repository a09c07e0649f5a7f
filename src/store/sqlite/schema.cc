#include "store/sqlite/schema.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace cultivate::store {
namespace {

constexpr const char* kCreateSchemaMigrations =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at INTEGER NOT NULL)";

bool IsApplied(SQLite::Database& db, int version) {
  SQLite::Statement query(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
  query.bind(1, version);
  return query.executeStep();
}

}  // namespace

std::vector<int> AppliedVersions(SQLite::Database& db) {
  std::vector<int> versions;
  if (!db.tableExists("schema_migrations")) return versions;
  SQLite::Statement query(db, "SELECT version FROM schema_migrations ORDER BY version");
  while (query.executeStep()) versions.push_back(query.getColumn(0).getInt());
  return versions;
}

std::vector<std::string> ApplyMigrations(SQLite::Database& db,
                                         std::span<const Migration> migrations,
                                         const Clock& clock) {
  {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    db.exec(kCreateSchemaMigrations);
    tx.commit();
  }
  std::vector<std::string> applied;
  for (const auto& migration : migrations) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (IsApplied(db, migration.version)) continue;  // tx rolls back: nothing was written
    db.exec(std::string(migration.sql));
    {
      SQLite::Statement record(
          db, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
      record.bind(1, migration.version);
      record.bind(2, std::string(migration.name));
      record.bind(3, clock());
      record.exec();
    }
    tx.commit();
    applied.emplace_back(migration.name);
  }
  return applied;
}

}  // namespace cultivate::store
