#pragma once
/// The Store in memory, for tests: the SQLite store itself on a private database in SQLite's
/// memdb VFS, migrated on construction. Same SQL, constraints and Error kinds as on disk, so
/// there is no second implementation to keep in step; nothing is persisted.

#include <memory>

#include <SQLiteCpp/Database.h>

#include "common/clock.h"
#include "store/sqlite/sqlite_store.h"

namespace cultivate::store {

class MemoryStore : public SqliteStore {
 public:
  explicit MemoryStore(Clock clock = SystemClock);

 private:
  MemoryStore(const std::string& name, Clock clock);
  // Keeps the in-memory database alive while pooled connections come and go.
  std::unique_ptr<SQLite::Database> keeper_;
};

}  // namespace cultivate::store
